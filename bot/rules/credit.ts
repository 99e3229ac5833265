// Who an update is from. An action's owners (a question's respondent) and their delegate give the
// updates; the chair and the secretariat may type one in for them (from an email, or what was said
// at the meeting). The papers credit an update to whoever it is from, and name who entered it when
// that was someone else, rather than crediting the secretariat with the force's answer. Pure.

export interface Credit {
  /** Who the update is from. */
  from: string;
  /** Who typed it for them, when that was someone else. */
  enteredBy?: string;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * `typedBy`: the name the record keeps for whoever wrote the update (directory names: a Teams
 * user acts as their directory person). `givers`: the names and labels of those who give updates
 * (owners or respondent, delegate). `accountable`: how to name the owners when someone typed it for them.
 */
export function creditUpdate(typedBy: string | undefined, givers: readonly string[], accountable: string): Credit {
  const by = typedBy?.trim() ?? '';
  if (by === '') return { from: accountable };
  if (givers.some((g) => g.trim() !== '' && same(g, by))) return { from: by };
  return accountable.trim() === '' ? { from: by } : { from: accountable, enteredBy: by };
}
