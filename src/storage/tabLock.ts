// One tab edits a document at a time. Opening (or taking over) a document announces a claim; a tab that had
// it open becomes read-only and says so, after flushing its pending saves. The latest claim wins because the
// writer's latest action is the one they mean.

type Msg = { type: 'claim' | 'release'; docId: string; tabId: string };

export interface TabLock {
  claim(docId: string): void;
  release(): void;
  close(): void;
}

export function createTabLock(onLost: (docId: string) => void, channelName = 'longhand-tabs'): TabLock {
  const tabId = Math.random().toString(36).slice(2);
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
  let held: string | null = null;
  if (channel) {
    channel.onmessage = (ev: MessageEvent<Msg>) => {
      const m = ev.data;
      if (m?.type === 'claim' && m.tabId !== tabId && m.docId === held) {
        held = null;
        onLost(m.docId);
      }
    };
  }
  const post = (m: Msg) => channel?.postMessage(m);
  return {
    claim(docId) { held = docId; post({ type: 'claim', docId, tabId }); },
    release() { if (held) post({ type: 'release', docId: held, tabId }); held = null; },
    close() { channel?.close(); },
  };
}
