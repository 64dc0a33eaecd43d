import { parsePlainTextWire } from '../domain/wire/plain-text';
import type { WireStory } from '../domain/wire/story';

export type WireFormat = 'text';

/** Reads agency copy in each supported format into a WireStory. */
const wireFormatsService = () => ({
  /** Parses a payload. Throws WireParseError naming what is wrong with it. */
  parse(format: WireFormat, payload: string, receivedAt: Date = new Date()): WireStory {
    switch (format) {
      case 'text':
        return parsePlainTextWire(payload, receivedAt);
    }
  },
});

export type WireFormatsService = ReturnType<typeof wireFormatsService>;
export default wireFormatsService;
