/**
 * A file a person sends a bot in Teams personal chat arrives as an attachment
 * of type `application/vnd.microsoft.teams.file.download.info` whose content
 * carries a short-lived, pre-authorised `downloadUrl` (on the sender's
 * OneDrive), the file's `uniqueId` and its `fileType`. This is its zod shape.
 */
import { z } from 'zod';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export const TeamsFile = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().trim().min(1).max(255),
  content: z.object({
    downloadUrl: z.string().min(1).max(4000),
    uniqueId: z.string().max(200).optional(),
    fileType: z.string().max(20).optional(),
  }),
});
export type TeamsFile = z.infer<typeof TeamsFile>;

export function hasTeamsFile(attachments: readonly unknown[]): boolean {
  return attachments.some((a) => typeof a === 'object' && a !== null && (a as { contentType?: unknown }).contentType === FILE_DOWNLOAD_INFO);
}

/** The file attachments that are well formed, and how many were not. */
export function teamsFiles(attachments: readonly unknown[]): { files: TeamsFile[]; malformed: number } {
  const files: TeamsFile[] = [];
  let malformed = 0;
  for (const a of attachments) {
    if (typeof a !== 'object' || a === null || (a as { contentType?: unknown }).contentType !== FILE_DOWNLOAD_INFO) continue;
    const parsed = TeamsFile.safeParse(a);
    if (parsed.success) files.push(parsed.data);
    else malformed += 1;
  }
  return { files, malformed };
}
