/** Exit codes shared by every command: 0 all done, 1 some items failed, 2 usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
