// One tab edits a document at a time. Opening (or taking over) a document announces a claim; a tab that had
// it open becomes read-only and says so, after flushing its pending saves. The latest claim wins because the
// writer's latest action is the one they mean. If the old tab still had unsaved text when the claim came,
// it says so once the text is written, and the new tab reloads it: the claimant may have read storage a
// moment too early, and editing that stale copy would overwrite the other tab's last words.

type Msg = { type: 'claim' | 'release' | 'flushed'; docId: string; tabId: string };

export interface TabLock {
  claim(docId: string): void;
  release(): void;
  close(): void;
}

/** `onLost` resolves to true when it had to write pending changes after the claim arrived. */
export function createTabLock(
  onLost: (docId: string) => Promise<boolean> | void,
  onPeerFlushed: (docId: string) => void = () => {},
  channelName = 'longhand-tabs',
): TabLock {
  const tabId = Math.random().toString(36).slice(2);
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
  let held: string | null = null;
  const post = (m: Msg) => channel?.postMessage(m);
  if (channel) {
    channel.onmessage = (ev: MessageEvent<Msg>) => {
      const m = ev.data;
      if (!m || m.tabId === tabId || m.docId !== held) return;
      if (m.type === 'claim') {
        held = null;
        void Promise.resolve(onLost(m.docId)).then((wrote) => { if (wrote) post({ type: 'flushed', docId: m.docId, tabId }); });
      } else if (m.type === 'flushed') onPeerFlushed(m.docId);
    };
  }
  return {
    claim(docId) { held = docId; post({ type: 'claim', docId, tabId }); },
    release() { if (held) post({ type: 'release', docId: held, tabId }); held = null; },
    close() { channel?.close(); },
  };
}
