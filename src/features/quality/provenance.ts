// Words written today, typed vs generated, summed across documents and tabs. Counted per transaction by the
// editor extension; the store is updated at most once a second (the stats view must not re-render per
// keystroke) and IndexedDB (kv "words:<day>") every 2 s, adding this tab's unsaved words to what is stored so
// two tabs do not overwrite each other. There is deliberately no save on page hide: the section text's own
// last-moment writes must have the unload window to themselves (at worst 2 s of this tally is lost).
import { database } from '../../storage/database';
import { useStore } from '../../app/store';
import { addToTally, dayKey, type DayTally, type Origin } from '../../core/metrics/provenance';

const STORE_EVERY_MS = 1000;
const SAVE_EVERY_MS = 2000;

let day = dayKey();
let total: DayTally = { typed: 0, generated: 0 };
let unsaved: DayTally = { typed: 0, generated: 0 };
let storeTimer: ReturnType<typeof setTimeout> | null = null;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
let loaded: Promise<void> | null = null;

const kvKey = (d: string) => `words:${d}`;

function rollDay(): void {
  const now = dayKey();
  if (now === day) return;
  void save(); // yesterday's remainder goes to yesterday
  day = now;
  total = { typed: 0, generated: 0 };
}

export function recordWords(origin: Origin, words: number): void {
  if (!(words > 0)) return;
  rollDay();
  total = addToTally(total, origin, words);
  unsaved = addToTally(unsaved, origin, words);
  storeTimer ??= setTimeout(() => { storeTimer = null; publish(); }, STORE_EVERY_MS);
  saveTimer ??= setTimeout(() => { saveTimer = null; void save(); }, SAVE_EVERY_MS);
}

function publish(): void {
  useStore.getState().setWordsToday({ day, ...total });
}

async function save(): Promise<void> {
  if (!unsaved.typed && !unsaved.generated) return;
  const batch = unsaved, forDay = day;
  unsaved = { typed: 0, generated: 0 };
  try {
    const db = await database();
    await db.transaction('rw', db.kv, async () => {
      const cur = asTally((await db.kv.get(kvKey(forDay)))?.value);
      await db.kv.put({ key: kvKey(forDay), value: { typed: cur.typed + batch.typed, generated: cur.generated + batch.generated } });
    });
  } catch {
    // Keep the words for the next save rather than lose them.
    unsaved = { typed: unsaved.typed + batch.typed, generated: unsaved.generated + batch.generated };
  }
}

function asTally(v: unknown): DayTally {
  const t = v as Partial<DayTally> | undefined;
  return { typed: Number(t?.typed) || 0, generated: Number(t?.generated) || 0 };
}

/** Reads today's stored tally once (other tabs' and earlier sessions' words) and publishes it. */
export function loadWordsToday(): Promise<void> {
  loaded ??= (async () => {
    try {
      const stored = asTally((await (await database()).kv.get(kvKey(day)))?.value);
      total = { typed: stored.typed + unsaved.typed, generated: stored.generated + unsaved.generated };
    } catch { /* storage unavailable: count this session only */ }
    publish();
  })();
  return loaded;
}

/** Saves unsaved words now. */
export function flushWordsToday(): Promise<void> {
  return save();
}
