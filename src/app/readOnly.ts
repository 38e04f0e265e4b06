// The manuscript's read-only mode has two sources: the tab lock (another tab edits this document: workspace.ts)
// and a read-only share link (the open shared document's session: collab slice). Every feature reads one field,
// `readOnlyReason`; it is derived here from both, by each source's setter, rather than written by two writers
// racing over it (the tab lock clears its reason on every open, which would drop the link's read-only mode).

/** The reason shown while a read-only link's session is the open document's. */
export const READ_ONLY_LINK_REASON = 'Read-only link: you can read this document and follow its changes, not edit it.';

/** `readOnlyReason` from its sources: the tab lock's reason first, else the read-only link's, else null. The link's
 *  part ends with its session: opening another document detaches it (setCollab(null)). */
export function readOnlyReasonOf(tabLockReason: string | null, collab: { readOnly?: boolean } | null | undefined): string | null {
  return tabLockReason ?? (collab?.readOnly ? READ_ONLY_LINK_REASON : null);
}
