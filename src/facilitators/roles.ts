/**
 * Who is a facilitator: the national programme's people (policing, health and
 * local authority facilitators) who publish briefings, notify subscribers, see
 * the national picture and answer escalated questions.
 *
 * Facilitators are named in configuration by Azure AD object id, the one
 * identifier Teams vouches for; display names can be chosen by anyone, so they
 * never count. Nobody is a facilitator unless named (fail closed), and a turn
 * without an object id (an emulator, a malformed activity) is never one.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isObjectId(text: string): boolean {
  return GUID.test(text);
}

export interface FacilitatorRoles {
  isFacilitator(aadObjectId: string | undefined): boolean;
  /** How many are configured (for start-up logs; never who). */
  readonly count: number;
}

export function facilitatorRoles(objectIds: readonly string[]): FacilitatorRoles {
  // Object ids are GUIDs; Teams sends them lower case, administrators may paste them in upper case.
  const named = new Set(objectIds.map((id) => id.trim().toLowerCase()).filter(isObjectId));
  return {
    isFacilitator: (aadObjectId) => aadObjectId !== undefined && named.has(aadObjectId.trim().toLowerCase()),
    count: named.size,
  };
}

/** What a person who is not a facilitator is told; one line, and nothing has changed. */
export const NOT_A_FACILITATOR = 'Sorry, only the programme’s facilitators can do that, so nothing was changed.';
