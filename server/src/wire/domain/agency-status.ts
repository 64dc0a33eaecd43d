import type { WireStory } from './story';

/**
 * What the agency says may be done with a story: use it, hold it (withheld: not to be published
 * until a newer usable version), or take it down (canceled: a kill).
 */
export type AgencyStatus = 'usable' | 'withheld' | 'canceled';

export interface AgencyAdvisory {
  status: AgencyStatus;
  /** The agency's words to editors, when it gave any (the kill or withhold notice). */
  notice?: string;
  /**
   * How the advisory names its story. `guid`: the structured item's own identifier, an
   * unambiguous match that may kill. `headline`: a plain-text advisory naming the story in
   * words, which only flags a story for editors.
   */
  matchBy: 'guid' | 'headline';
  /** For a plain-text advisory: the headline of the story it names, when it names one. */
  target?: string;
}

/**
 * ninjs `pubstatus` and NewsML-G2 `pubStatus` (its qcode code, e.g. `canceled` from
 * `stat:canceled`). IPTC spells it `canceled`; `cancelled` is accepted too.
 */
const STRUCTURED: Record<string, AgencyStatus> = {
  usable: 'usable',
  withheld: 'withheld',
  canceled: 'canceled',
  cancelled: 'canceled',
};

/**
 * The forms of a plain-text kill advisory this ingest accepts, in the headline line:
 * `KILL`, `MANDATORY KILL`, `KILL KILL KILL`, `ELIMINATION`/`ELIMINATE`, `WITHDRAWN`/`WITHDRAWAL`
 * (English-language agencies), `ИЗЪЯТЬ`/`ИЗЪЯТИЕ`, `АННУЛИРОВАТЬ`/`АННУЛИРОВАНИЕ`, `ОТМЕНИТЬ`
 * (Russian agencies, e.g. `ВНИМАНИЮ РЕДАКЦИЙ: ИЗЪЯТЬ`). A word that merely occurs in a headline
 * is not an advisory: it must open the line (after an optional `ВНИМАНИЮ РЕДАКЦИЙ:` or
 * `ADVISORY:`) and be written in capitals, as agencies write their service lines.
 */
const PLAIN_KILL =
  /^(?:(?:ВНИМАНИЮ РЕДАКЦИЙ|ADVISORY|EDITORS NOTE|EDITORS' NOTE)\s*[:.-]\s*)?(?:MANDATORY\s+|URGENT\s+)?(KILL(?:\s+KILL)*|ELIMINAT(?:E|ION)|WITHDRAWN|WITHDRAWAL|ИЗЪЯТЬ|ИЗЪЯТИЕ|АННУЛИРОВАТЬ|АННУЛИРОВАНИЕ|ОТМЕНИТЬ)(?=$|[\s:.,—–-])[\s:.,—–-]*(.*)$/u;

/** The quoted or trailing story name in an advisory line: `KILL: Port reopens`, `ИЗЪЯТЬ «Порт открыт»`. */
const TARGET = /^[«"“']?(.+?)[»"”']?\.?$/u;

/** What the agency says of this story: from the structured status, or a plain-text kill line. */
export const advisoryOf = (story: WireStory, structured: boolean): AgencyAdvisory => {
  if (structured) {
    const status = STRUCTURED[(story.pubStatus ?? 'usable').trim().toLowerCase()] ?? 'usable';
    // The agency's note to editors says why; a kill without one usually says it in its body.
    const notice =
      status === 'usable'
        ? undefined
        : story.editorNote?.trim() || (status === 'canceled' ? firstParagraph(story) : undefined);
    return { status, matchBy: 'guid', ...(notice ? { notice } : {}) };
  }
  const line = PLAIN_KILL.exec(story.headline.trim());
  if (!line) return { status: 'usable', matchBy: 'headline' };
  const rest = line[2].trim();
  const target = rest ? TARGET.exec(rest)?.[1].trim() : undefined;
  const notice = firstParagraph(story) ?? story.headline.trim();
  return { status: 'canceled', matchBy: 'headline', notice, ...(target ? { target } : {}) };
};

const firstParagraph = (story: WireStory) =>
  story.sections
    .flatMap((s) => s.paragraphs)
    .find((p) => p.trim() !== '')
    ?.trim();
