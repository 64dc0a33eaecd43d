/**
 * News copy for the search bench, in Russian and English: sentences made from templates whose
 * slots take names, places and nouns in the case the sentence needs (Алиев, Алиева, Алиеву,
 * Алиевым; переговоры, переговоров, переговорах), so the index sees the inflected forms real
 * agency copy has. Each story keeps to one topic, which is what makes a name or a term match a
 * realistic share of the copy rather than all of it or none. Deterministic for a given index.
 */
import type { WireStory } from '../../server/src/wire/domain/story';

export type Language = 'ru' | 'en';

/** Case forms of a Russian noun or name: nominative, genitive, dative, accusative, instrumental, prepositional. */
type Forms = [string, string, string, string, string, string];
const CASE = { nom: 0, gen: 1, dat: 2, acc: 3, ins: 4, pre: 5 } as const;

/** A topic's vocabulary in both languages and the Media Topics it is filed under. */
interface Topic {
  subjects: string[];
  ru: { people: Forms[]; places: Forms[]; things: Forms[]; events: string[] };
  en: {
    people: string[];
    places: string[];
    things: string[];
    events: string[];
    /** How the copy says two sides dealt with a matter ("talked about" only where talks are the news). */
    discussed: string[];
    /** How it says one spoke to another. */
    speaking: string[];
  };
}

const person = (stem: string, feminine = false): Forms =>
  feminine
    ? [`${stem}а`, `${stem}ой`, `${stem}ой`, `${stem}у`, `${stem}ой`, `${stem}ой`]
    : [
        stem,
        `${stem}а`,
        `${stem}у`,
        `${stem}а`,
        /(ов|ев|ин)$/u.test(stem) ? `${stem}ым` : `${stem}ом`,
        `${stem}е`,
      ];
const fixed = (word: string): Forms => [word, word, word, word, word, word];

export const TOPICS: Topic[] = [
  {
    subjects: ['medtop:20000073', 'medtop:20000056', 'medtop:20000638'],
    ru: {
      people: [
        person('Алиев'),
        person('Пашинян'),
        person('Мирзоян'),
        person('Байрамов'),
        person('Оверчук'),
      ],
      places: [
        ['Карабах', 'Карабаха', 'Карабаху', 'Карабах', 'Карабахом', 'Карабахе'],
        fixed('Баку'),
        ['Ереван', 'Еревана', 'Еревану', 'Ереван', 'Ереваном', 'Ереване'],
        ['Лачин', 'Лачина', 'Лачину', 'Лачин', 'Лачином', 'Лачине'],
      ],
      things: [
        ['переговоры', 'переговоров', 'переговорам', 'переговоры', 'переговорами', 'переговорах'],
        ['миротворцы', 'миротворцев', 'миротворцам', 'миротворцев', 'миротворцами', 'миротворцах'],
        ['перемирие', 'перемирия', 'перемирию', 'перемирие', 'перемирием', 'перемирии'],
        ['делимитация', 'делимитации', 'делимитации', 'делимитацию', 'делимитацией', 'делимитации'],
        ['граница', 'границы', 'границе', 'границу', 'границей', 'границе'],
        [
          'мирный договор',
          'мирного договора',
          'мирному договору',
          'мирный договор',
          'мирным договором',
          'мирном договоре',
        ],
      ],
      events: [
        'обстрел позиций',
        'обмен пленными',
        'разблокирование коммуникаций',
        'вывод контингента',
      ],
    },
    en: {
      people: ['Aliyev', 'Pashinyan', 'Mirzoyan', 'Bayramov', 'Overchuk'],
      places: ['Karabakh', 'Baku', 'Yerevan', 'the Lachin corridor'],
      things: [
        'talks',
        'peacekeepers',
        'the ceasefire',
        'border delimitation',
        'the peace treaty',
        'the border',
      ],
      events: [
        'shelling of positions',
        'a prisoner exchange',
        'the withdrawal of peacekeepers',
        'talking to mediators',
      ],
      discussed: ['talked about', 'discussed'],
      speaking: ['talking to', 'meeting'],
    },
  },
  {
    subjects: ['medtop:20000638', 'medtop:20000593'],
    ru: {
      people: [
        person('Лавров'),
        person('Песков'),
        person('Эрдоган'),
        person('Захаров', true),
        person('Макрон'),
      ],
      places: [
        ['Москва', 'Москвы', 'Москве', 'Москву', 'Москвой', 'Москве'],
        ['Анкара', 'Анкары', 'Анкаре', 'Анкару', 'Анкарой', 'Анкаре'],
        ['Стамбул', 'Стамбула', 'Стамбулу', 'Стамбул', 'Стамбулом', 'Стамбуле'],
        ['Женева', 'Женевы', 'Женеве', 'Женеву', 'Женевой', 'Женеве'],
      ],
      things: [
        ['переговоры', 'переговоров', 'переговорам', 'переговоры', 'переговорами', 'переговорах'],
        ['визит', 'визита', 'визиту', 'визит', 'визитом', 'визите'],
        ['саммит', 'саммита', 'саммиту', 'саммит', 'саммитом', 'саммите'],
        [
          'консультации',
          'консультаций',
          'консультациям',
          'консультации',
          'консультациями',
          'консультациях',
        ],
        ['санкции', 'санкций', 'санкциям', 'санкции', 'санкциями', 'санкциях'],
      ],
      events: [
        'телефонный разговор',
        'совместное заявление',
        'встреча министров',
        'пресс-конференция',
      ],
    },
    en: {
      people: ['Lavrov', 'Peskov', 'Erdogan', 'Zakharova', 'Macron', 'Blinken'],
      places: ['Moscow', 'Ankara', 'Istanbul', 'Geneva', 'Brussels'],
      things: ['talks', 'the visit', 'the summit', 'consultations', 'sanctions', 'negotiations'],
      events: ['a phone call', 'a joint statement', 'a meeting of ministers', 'a news conference'],
      discussed: ['talked about', 'discussed', 'negotiated'],
      speaking: ['talking to', 'meeting'],
    },
  },
  {
    subjects: ['medtop:20000346', 'medtop:20000391', 'medtop:20000386'],
    ru: {
      people: [
        person('Набиуллин', true),
        person('Силуанов'),
        person('Решетников'),
        person('Новак'),
      ],
      places: [
        ['Центробанк', 'Центробанка', 'Центробанку', 'Центробанк', 'Центробанком', 'Центробанке'],
        ['Минфин', 'Минфина', 'Минфину', 'Минфин', 'Минфином', 'Минфине'],
        ['Мосбиржа', 'Мосбиржи', 'Мосбирже', 'Мосбиржу', 'Мосбиржей', 'Мосбирже'],
      ],
      things: [
        [
          'ключевая ставка',
          'ключевой ставки',
          'ключевой ставке',
          'ключевую ставку',
          'ключевой ставкой',
          'ключевой ставке',
        ],
        ['инфляция', 'инфляции', 'инфляции', 'инфляцию', 'инфляцией', 'инфляции'],
        ['рубль', 'рубля', 'рублю', 'рубль', 'рублем', 'рубле'],
        ['бюджет', 'бюджета', 'бюджету', 'бюджет', 'бюджетом', 'бюджете'],
        ['нефть', 'нефти', 'нефти', 'нефть', 'нефтью', 'нефти'],
        ['экспорт', 'экспорта', 'экспорту', 'экспорт', 'экспортом', 'экспорте'],
      ],
      events: ['заседание совета директоров', 'торги на бирже', 'снижение цен', 'рост ВВП'],
    },
    en: {
      people: ['Nabiullina', 'Siluanov', 'Powell', 'Lagarde', 'Novak'],
      places: ['the central bank', 'the finance ministry', 'the Moscow Exchange', 'OPEC'],
      things: ['the key rate', 'inflation', 'the rouble', 'the budget', 'oil prices', 'exports'],
      events: ['a board meeting', 'trading on the exchange', 'falling prices', 'economic growth'],
      discussed: ['discussed', 'reviewed'],
      speaking: ['speaking to', 'meeting'],
    },
  },
  {
    subjects: ['medtop:20001108', 'medtop:20001148'],
    ru: {
      people: [person('Карпин'), person('Семак'), person('Овечкин'), person('Медведев')],
      places: [
        ['Зенит', 'Зенита', 'Зениту', 'Зенит', 'Зенитом', 'Зените'],
        ['Спартак', 'Спартака', 'Спартаку', 'Спартак', 'Спартаком', 'Спартаке'],
        ['Лужники', 'Лужников', 'Лужникам', 'Лужники', 'Лужниками', 'Лужниках'],
      ],
      things: [
        ['матч', 'матча', 'матчу', 'матч', 'матчем', 'матче'],
        ['сборная', 'сборной', 'сборной', 'сборную', 'сборной', 'сборной'],
        ['чемпионат', 'чемпионата', 'чемпионату', 'чемпионат', 'чемпионатом', 'чемпионате'],
        ['трансфер', 'трансфера', 'трансферу', 'трансфер', 'трансфером', 'трансфере'],
        ['тренер', 'тренера', 'тренеру', 'тренера', 'тренером', 'тренере'],
      ],
      events: ['победный гол', 'серия пенальти', 'дисквалификация игрока', 'финал кубка'],
    },
    en: {
      people: ['Karpin', 'Semak', 'Ovechkin', 'Medvedev', 'Sabalenka'],
      places: ['Zenit', 'Spartak', 'Wimbledon', 'the Luzhniki stadium'],
      things: ['the match', 'the national team', 'the championship', 'the transfer', 'the coach'],
      events: ['a winning goal', 'a penalty shootout', 'a player ban', 'the cup final'],
      discussed: ['discussed', 'argued about'],
      speaking: ['speaking to', 'meeting'],
    },
  },
  {
    subjects: ['medtop:20001129', 'medtop:20001131'],
    ru: {
      people: [person('Собянин'), person('Вильфанд'), person('Тишковец')],
      places: [
        ['Москва', 'Москвы', 'Москве', 'Москву', 'Москвой', 'Москве'],
        ['Подмосковье', 'Подмосковья', 'Подмосковью', 'Подмосковье', 'Подмосковьем', 'Подмосковье'],
        ['Петербург', 'Петербурга', 'Петербургу', 'Петербург', 'Петербургом', 'Петербурге'],
      ],
      things: [
        ['снегопад', 'снегопада', 'снегопаду', 'снегопад', 'снегопадом', 'снегопаде'],
        ['мороз', 'мороза', 'морозу', 'мороз', 'морозом', 'морозе'],
        ['метро', 'метро', 'метро', 'метро', 'метро', 'метро'],
        ['гололед', 'гололеда', 'гололеду', 'гололед', 'гололедом', 'гололеде'],
      ],
      events: [
        'штормовое предупреждение',
        'аномальная жара',
        'ледяной дождь',
        'перебои с электричеством',
      ],
    },
    en: {
      people: ['Sobyanin', 'Vilfand', 'Tishkovets'],
      places: ['Moscow', 'the Moscow region', 'St Petersburg', 'London'],
      things: ['the snowfall', 'frost', 'the metro', 'black ice', 'the storm'],
      events: ['a storm warning', 'a heatwave', 'freezing rain', 'power cuts'],
      discussed: ['discussed', 'warned about'],
      speaking: ['speaking to', 'briefing'],
    },
  },
];

/** A small, fast, seeded generator: the same index always gives the same story. */
const random = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
};

type Pick = <T>(list: T[]) => T;
const capital = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

const RU_VERBS_SAID = ['заявил', 'сообщил', 'подчеркнул', 'отметил', 'указал'];
const RU_TEMPLATES: Array<(p: Pick, t: Topic['ru']) => string> = [
  (p, t) =>
    `${p(t.people)[CASE.nom]} ${p(RU_VERBS_SAID)}, что ${p(t.things)[CASE.nom]} остается главным вопросом повестки.`,
  (p, t) =>
    `По словам ${p(t.people)[CASE.gen]}, ${p(t.things)[CASE.nom]} обсудят в ${p(t.places)[CASE.pre]} на следующей неделе.`,
  (p, t) =>
    `${p(t.people)[CASE.nom]} провел встречу с ${p(t.people)[CASE.ins]}, стороны обсудили ${p(t.things)[CASE.acc]}.`,
  (p, t) =>
    `В ${p(t.places)[CASE.pre]} продолжаются ${p(t.things)[CASE.nom]}, сообщает источник, знакомый с ходом ${p(t.things)[CASE.gen]}.`,
  (p, t) =>
    `Представитель ${p(t.places)[CASE.gen]} передал ${p(t.people)[CASE.dat]} предложения по ${p(t.things)[CASE.dat]}.`,
  (p, t) =>
    `Ранее ${p(t.events)} в ${p(t.places)[CASE.pre]} прокомментировал ${p(t.people)[CASE.nom]}.`,
  (p, t) =>
    `Эксперты говорят о ${p(t.things)[CASE.pre]} и о том, как ${p(t.events)} скажется на ситуации.`,
  (p, t) =>
    `Вопрос о ${p(t.things)[CASE.pre]} поднимался и в ходе беседы с ${p(t.people)[CASE.ins]}, добавил ${p(t.people)[CASE.nom]}.`,
  (p, t) =>
    `Как стало известно, ${p(t.events)} связано с ${p(t.things)[CASE.ins]}, сказано в сообщении ведомства.`,
  (p, t) =>
    `${p(t.people)[CASE.dat]} направлено письмо о ${p(t.things)[CASE.pre]}, его текст опубликован в ${p(t.places)[CASE.pre]}.`,
  (p) =>
    `Об этом в ${p(['понедельник', 'вторник', 'среду', 'четверг', 'пятницу'])} ${p(['сообщили', 'рассказали', 'заявили'])} журналистам в пресс-службе.`,
];
const RU_HEADLINES: Array<(p: Pick, t: Topic['ru']) => string> = [
  (p, t) => `${p(t.people)[CASE.nom]} ${p(RU_VERBS_SAID)} о ${p(t.things)[CASE.pre]}`,
  (p, t) => `В ${p(t.places)[CASE.pre]} начались ${p(t.things)[CASE.nom]}`,
  (p, t) => `${p(t.people)[CASE.nom]} и ${p(t.people)[CASE.nom]} обсудили ${p(t.things)[CASE.acc]}`,
  (p, t) => `${capital(p(t.events))}: что известно к этому часу`,
];

const EN_SAID = ['said', 'told reporters', 'stressed', 'noted', 'said on Tuesday'];
const EN_TEMPLATES: Array<(p: Pick, t: Topic['en']) => string> = [
  (p, t) =>
    `${p(t.people)} ${p(EN_SAID)} that ${p(t.things)} remained the main issue on the agenda.`,
  (p, t) =>
    `According to ${p(t.people)}, ${p(t.things)} will be discussed in ${p(t.places)} next week.`,
  (p, t) =>
    `${p(t.people)} met ${p(t.people)}, and the two sides ${p(t.discussed)} ${p(t.things)}.`,
  (p, t) =>
    `${capital(p(t.things))} remained on the agenda in ${p(t.places)}, a source familiar with ${p(t.things)} said.`,
  (p, t) => `An official in ${p(t.places)} passed proposals on ${p(t.things)} to ${p(t.people)}.`,
  (p, t) => `Earlier, ${p(t.people)} commented on ${p(t.events)} in ${p(t.places)}.`,
  (p, t) =>
    `Analysts are watching ${p(t.things)} and how ${p(t.events)} would affect the situation.`,
  (p, t) =>
    `The question of ${p(t.things)} was raised when ${p(t.people)} was ${p(t.speaking)} ${p(t.people)}, officials said.`,
  (p, t) =>
    `${capital(p(t.events))} is linked to ${p(t.things)}, the ministry said in a statement.`,
  (p, t) =>
    `A letter on ${p(t.things)} was sent to ${p(t.people)}, and its text was published in ${p(t.places)}.`,
  (p) =>
    `The press service ${p(['confirmed', 'reported', 'announced'])} this on ${p(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}.`,
];
const EN_HEADLINES: Array<(p: Pick, t: Topic['en']) => string> = [
  (p, t) => `${p(t.people)} speaks on ${p(t.things)}`,
  (p, t) => `${capital(p(t.things))} on the agenda in ${p(t.places)}`,
  (p, t) => `${p(t.people)} and ${p(t.people)} discuss ${p(t.things)}`,
  (p, t) => `${capital(p(t.events))}: what we know so far`,
];

export interface Copy {
  language: Language;
  topic: number;
  headline: string;
  standfirst: string;
  paragraphs: string[];
  subjects: Array<{ code: string }>;
}

/** Story `i`: Russian for even i, English for odd; a headline, a standfirst and 4–8 paragraphs. */
export const copyFor = (i: number, seed = 1): Copy => {
  const next = random(i * 2654435761 + seed);
  const pick: Pick = (list) => list[Math.floor(next() * list.length)];
  const language: Language = i % 2 === 0 ? 'ru' : 'en';
  const topicIndex = Math.floor(next() * TOPICS.length);
  const topic = TOPICS[topicIndex];
  const sentence = () =>
    language === 'ru' ? pick(RU_TEMPLATES)(pick, topic.ru) : pick(EN_TEMPLATES)(pick, topic.en);
  const headline =
    language === 'ru' ? pick(RU_HEADLINES)(pick, topic.ru) : pick(EN_HEADLINES)(pick, topic.en);
  const paragraphs = Array.from({ length: 4 + Math.floor(next() * 5) }, () =>
    Array.from({ length: 3 + Math.floor(next() * 3) }, sentence).join(' ')
  );
  return {
    language,
    topic: topicIndex,
    headline,
    standfirst: `${sentence()} ${sentence()}`,
    paragraphs,
    subjects: topic.subjects.filter(() => next() < 0.6).map((code) => ({ code })),
  };
};

/** The story a parser would have made of the copy. */
export const storyOf = (copy: Copy, guid: string): WireStory => ({
  headline: copy.headline,
  guid,
  version: 1,
  language: copy.language,
  standfirst: copy.standfirst,
  sections: [{ paragraphs: copy.paragraphs }],
  ...(copy.subjects.length ? { subjects: copy.subjects } : {}),
});

const escape = (text: string) =>
  text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** The copy as an agency's ninjs 2.2 item with an HTML body. */
export const ninjsOf = (copy: Copy, uri: string) =>
  JSON.stringify({
    uri,
    type: 'text',
    language: copy.language,
    versioncreated: new Date().toISOString(),
    headlines: [{ role: 'main', value: copy.headline }],
    descriptions: [{ role: 'summary', contenttype: 'text/plain', value: copy.standfirst }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: copy.paragraphs.map((p) => `<p>${escape(p)}</p>`).join(''),
      },
    ],
    subjects: copy.subjects.map((s) => ({
      uri: `http://cv.iptc.org/newscodes/mediatopic/${s.code.slice('medtop:'.length)}`,
    })),
  });
