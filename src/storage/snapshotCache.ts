/**
 * Assessment snapshots kept between turns, so that a checklist press reads one
 * row (the assessment, for its version) instead of the whole assessment with
 * its history, twice. The database stays the authority: every change to an
 * assessment bumps its version, so a kept snapshot is used only at the version
 * the database reports now, or brought up to it from the answer changes since
 * (one query, and each answer change records the version it produced). When
 * anything else moved the version on (actions, sign-off, reopen, a checklist
 * update), the gap shows and the snapshot is read afresh.
 */
import { LruCache } from '../lruCache.js';
import type { AssessmentRecord, AssessmentSnapshot, HistoryRecord } from '../checklist/types.js';

/** Assessments in use at once by the partnerships one instance serves (about 150 nationally); beyond it, the least recent is read afresh when next opened. */
export const SNAPSHOTS_KEPT = 1000;

export class SnapshotCache {
  private readonly kept = new LruCache<string, AssessmentSnapshot>(SNAPSHOTS_KEPT);

  /** The kept snapshot if it is at exactly `version`. */
  at(assessmentId: string, version: number): AssessmentSnapshot | undefined {
    const kept = this.kept.get(assessmentId);
    return kept?.assessment.version === version ? kept : undefined;
  }

  /**
   * The kept snapshot brought to `assessment` (the record just read): as it is when
   * nothing changed, else with the answer changes since (`changesSince`, asked only
   * then), if they explain every version in between. Undefined: read it afresh.
   */
  async upTo(assessment: AssessmentRecord, changesSince: (version: number) => Promise<HistoryRecord[]>): Promise<AssessmentSnapshot | undefined> {
    const kept = this.kept.get(assessment.id);
    if (!kept || kept.assessment.version > assessment.version) return undefined;
    if (kept.assessment.version === assessment.version) return { ...kept, assessment };
    const advanced = withAnswerChanges(kept, assessment, await changesSince(kept.assessment.version));
    if (advanced) this.keep(advanced);
    return advanced;
  }

  keep(snapshot: AssessmentSnapshot): void {
    this.kept.set(snapshot.assessment.id, snapshot);
  }

  /** After a save: if the kept snapshot was at the version before the one the save produced, it becomes the new one without a read. */
  saved(assessmentId: string, change: HistoryRecord & { assessmentVersion: number }): void {
    const kept = this.at(assessmentId, change.assessmentVersion - 1);
    if (!kept) return;
    const advanced = withAnswerChanges(kept, { ...kept.assessment, version: change.assessmentVersion, updatedAt: change.at }, [change]);
    if (advanced) this.keep(advanced);
  }
}

/**
 * `snapshot` with answer changes applied, at `assessment`'s version; undefined
 * when the changes do not account for every version in between (something
 * other than an answer changed). Never changes `snapshot`: kept snapshots are
 * shared by turns.
 */
export function withAnswerChanges(snapshot: AssessmentSnapshot, assessment: AssessmentRecord, changes: HistoryRecord[]): AssessmentSnapshot | undefined {
  const from = snapshot.assessment.version;
  const versions = new Set(changes.map((c) => c.assessmentVersion));
  for (let v = from + 1; v <= assessment.version; v++) if (!versions.has(v)) return undefined;
  const answers = new Map(snapshot.answers);
  // A full read can race a write and already hold a change it is labelled before; history rows are unique per item and revision.
  const seen = new Set(snapshot.history.map((h) => `${h.itemId}\u0000${h.revision}`));
  const history = [...snapshot.history];
  for (const c of [...changes].sort((a, b) => (a.assessmentVersion ?? 0) - (b.assessmentVersion ?? 0))) {
    if (c.assessmentVersion === null || c.assessmentVersion <= from || c.assessmentVersion > assessment.version) continue;
    const { assessmentVersion: _version, ...answer } = c;
    if ((answers.get(c.itemId)?.revision ?? 0) < c.revision) answers.set(c.itemId, answer);
    const key = `${c.itemId}\u0000${c.revision}`;
    if (!seen.has(key)) {
      seen.add(key);
      history.push(c);
    }
  }
  return { ...snapshot, assessment, answers, history };
}
