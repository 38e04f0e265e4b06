// The offline demo writer's text: deterministic placeholder prose shaped by the request (contract 3 in the
// team brief), so every workflow can be tried without a model. Pure: same messages → same text.
import { countWords } from '../../core/wordCount';
import type { ChatMessage } from '../../shared/protocol';

export type DemoTask = 'write' | 'continue' | 'plan' | 'summarize' | 'revise' | 'judge' | 'extract' | 'consistency' | 'other';

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function rng(seed: number): () => number {
  let a = seed || 1;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['The harbour', 'An old letter', 'The narrator', 'Her brother', 'The committee', 'A stranger',
  'The morning train', 'The map', 'The house on the hill', 'Their plan', 'The storm', 'A quiet voice'];
const VERBS = ['waited for', 'remembered', 'turned toward', 'questioned', 'carried', 'measured', 'followed',
  'returned to', 'overlooked', 'considered', 'gathered', 'described'];
const OBJECTS = ['the long afternoon', 'a promise made years ago', 'the edge of the field', 'every unanswered question',
  'the lamp by the window', 'a small but stubborn hope', 'the distant shore', 'the ledger of small debts',
  'the quiet of the library', 'a story nobody believed'];
const CODAS = ['and nothing seemed quite settled', 'as the light began to fade', 'while the others said nothing',
  'though no one could say why', 'with a patience that surprised them', 'before the clocks struck the hour',
  'and the room grew still', 'as if the answer were close'];
const TITLES = ['Beginnings', 'The Question', 'A Turn of Events', 'Complications', 'The Middle Distance',
  'Evidence', 'Crossing Over', 'What Was Lost', 'The Long Night', 'Reckoning', 'Aftermath', 'Resolution'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const sentence = (r: () => number) => `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}, ${pick(r, CODAS)}.`;

/** About `words` words of prose in paragraphs of 60–120 words, each paragraph separated by a blank line. */
export function prose(seed: number, words: number, opening = ''): string {
  const r = rng(seed);
  const paragraphs: string[] = [];
  let para: string[] = opening ? [opening] : [];
  let paraWords = countWords(opening);
  let total = paraWords;
  let paraTarget = 60 + Math.floor(r() * 60);
  while (total < words) {
    let s = sentence(r);
    let n = countWords(s);
    if (total + n > words) {
      // Cut the last sentence so the text has exactly the requested length (it must follow it).
      s = `${s.split(/\s+/).slice(0, words - total).join(' ').replace(/[,.;]+$/, '')}.`;
      n = countWords(s);
    }
    para.push(s);
    total += n;
    paraWords += n;
    if (paraWords >= paraTarget && total < words) {
      paragraphs.push(para.join(' '));
      para = [];
      paraWords = 0;
      paraTarget = 60 + Math.floor(r() * 60);
    }
  }
  if (para.length) paragraphs.push(para.join(' '));
  return paragraphs.join('\n\n');
}

const num = (s: string) => Number(s.replace(/[,_\s]/g, ''));

export function taskOf(messages: readonly ChatMessage[]): DemoTask {
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const m = /^Longhand task:\s*(\w+)/.exec(system.split('\n', 1)[0] ?? '');
  const t = m?.[1]?.toLowerCase();
  return t === 'write' || t === 'continue' || t === 'plan' || t === 'summarize' || t === 'revise' || t === 'judge'
    || t === 'extract' || t === 'consistency' ? t : 'other';
}

const allText = (messages: readonly ChatMessage[]) => messages.map((m) => m.content).join('\n');
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

function requestedWords(text: string, fallback: number): number {
  const m = /about\s+([\d][\d,_]*)\s+words/i.exec(text);
  const n = m ? num(m[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function passageOf(text: string): string {
  const m = /<passage>([\s\S]*?)<\/passage>/i.exec(text);
  return (m?.[1] ?? '').trim();
}

const splitSentences = (p: string) => p.match(/[^.!?]+[.!?]+["'”’)]*\s*|[^.!?]+$/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
const paragraphsOf = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

function write(text: string, seed: number, cont: boolean): string {
  const sec = /Write section\s+(\d+)\s*:\s*"([^"]*)"/i.exec(text);
  const n = sec?.[1] ?? '1';
  const title = sec?.[2] || 'Untitled';
  const words = clamp(requestedWords(text, 400), 20, 20_000);
  const opening = cont
    ? `Continuing section ${n}, “${title}”, the demo writer picks up where the text left off.`
    : `Section ${n}, “${title}”, begins here in placeholder prose from the offline demo writer.`;
  return prose(seed, words, opening);
}

function plan(text: string, seed: number): string {
  const total = clamp(requestedWords(text, 10_000), 100, 1_000_000);
  const k = /(\d+)\s+sections/i.exec(text);
  const count = clamp(k ? num(k[1]) : Math.round(total / 2_500), 2, 40);
  const r = rng(seed);
  const base = Math.floor(total / count);
  const sections = Array.from({ length: count }, (_, i) => ({
    title: i < TITLES.length ? TITLES[i] : `Part ${i + 1}`,
    brief: `${sentence(r)} ${sentence(r)}`,
    words: i === count - 1 ? total - base * (count - 1) : base,
  }));
  return JSON.stringify({ sections });
}

function summarize(text: string): string {
  const firsts = paragraphsOf(passageOf(text)).map((p) => splitSentences(p)[0]).filter(Boolean);
  const out: string[] = [];
  let words = 0;
  for (const s of firsts.length ? firsts : ['The passage is empty.']) {
    const n = countWords(s);
    if (words + n > 120) break;
    out.push(s);
    words += n;
  }
  return out.length ? out.join(' ') : (firsts[0] ?? '').split(/\s+/).slice(0, 120).join(' ');
}

const SWAPS: Record<string, string> = {
  said: 'remarked', very: 'truly', big: 'large', small: 'little', began: 'started', looked: 'gazed',
  walked: 'strolled', happy: 'glad', sad: 'sorrowful', but: 'yet', quickly: 'swiftly', thought: 'supposed',
  house: 'home', old: 'aged', road: 'lane', felt: 'sensed', saw: 'noticed', went: 'headed', long: 'lengthy',
};

function rephrase(p: string): string {
  let swapped = 0;
  const out = p.replace(/\b[A-Za-z]+\b/g, (w) => {
    const s = SWAPS[w.toLowerCase()];
    if (!s || swapped >= 6) return w;
    swapped++;
    return w[0] === w[0].toUpperCase() ? s[0].toUpperCase() + s.slice(1) : s;
  });
  return swapped ? out : `Indeed, ${p.charAt(0).toLowerCase()}${p.slice(1)}`;
}

function revise(text: string, seed: number): string {
  const passage = passageOf(text);
  const instruction = (/^Instruction:\s*(.*)$/im.exec(text)?.[1] ?? '').toLowerCase();
  const paras = paragraphsOf(passage);
  if (!paras.length) return prose(seed, 60);
  if (/\b(shorten|shorter|cut|trim|condense|tighten)\b/.test(instruction)) {
    return paras.map((p) => {
      const ss = splitSentences(p);
      return ss.length > 1 ? ss.filter((_, i) => i % 2 === 0).join(' ') : p;
    }).join('\n\n');
  }
  if (/\b(expand|longer|lengthen|elaborate|more detail)\b/.test(instruction)) {
    const r = rng(seed);
    return paras.map((p) => `${p} ${sentence(r)} ${sentence(r)}`).join('\n\n');
  }
  return paras.map(rephrase).join('\n\n');
}

/** The demo's whole answer to a request. */
export function demoReply(messages: readonly ChatMessage[]): string {
  const text = allText(messages);
  const seed = hashString(text);
  switch (taskOf(messages)) {
    case 'write': return write(text, seed, false);
    case 'continue': return write(text, seed, true);
    case 'plan': return plan(text, seed);
    case 'summarize': return summarize(text);
    case 'revise': return revise(text, seed);
    case 'judge': return 'yes';
    // Story bible requests: a well-formed "nothing found" (the demo cannot read its own placeholder prose).
    case 'extract': return '{"entries":[]}';
    case 'consistency': return '{"contradictions":[]}';
    default: return prose(seed, clamp(requestedWords(text, 150), 20, 5_000),
      'This is the offline demo writer: it makes placeholder prose, not AI text.');
  }
}
