import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { baseExtensions } from './extensions';
import { countDocWords } from './wordCount';
import { countWords } from '../core/wordCount';

const schema = getSchema(baseExtensions());
const para = (t: string) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });

describe('countDocWords', () => {
  it('counts all blocks with the core counter', () => {
    const doc = schema.nodeFromJSON({ type: 'doc', content: [para('one two three'), para('我爱你')] });
    expect(countDocWords(doc, countWords, new WeakMap())).toBe(6);
  });
  it('recounts only blocks that changed', () => {
    const doc = schema.nodeFromJSON({ type: 'doc', content: [para('alpha beta'), para('gamma')] });
    const cache = new WeakMap<PMNode, number>();
    const seen: string[] = [];
    const spy = (t: string) => { seen.push(t); return countWords(t); };
    countDocWords(doc, spy, cache);
    const state = EditorState.create({ doc });
    const next = state.apply(state.tr.insertText(' delta', doc.content.size - 1)).doc;
    seen.length = 0;
    expect(countDocWords(next, spy, cache)).toBe(4);
    expect(seen).toEqual(['gamma delta']);
  });
});
