import fs from 'fs';
import path from 'path';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

export const fixture = (...parts: string[]) => fs.readFileSync(path.join(FIXTURES, ...parts));
export const fixtureText = (...parts: string[]) => fixture(...parts).toString('utf8');
export const fixtureNames = (dir: string) => fs.readdirSync(path.join(FIXTURES, dir)).sort();
