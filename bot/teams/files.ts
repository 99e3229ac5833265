// Files sent to the bot in Teams. In a 1:1 chat (the manifest's `supportsFiles`) a file arrives as
// an attachment of type file.download.info, whose `downloadUrl` Teams has already authorised for a
// short while. Turned into plain data here; bot/chat never sees an attachment.
import type { Attachment } from 'botbuilder';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface SentFile {
  name: string;
  /** '' when Teams gave none: the download then says so. */
  downloadUrl: string;
  /** Teams' own word for the type ('docx'); only for logs, the readers go by the bytes. */
  fileType?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The files among a message's attachments, in order. */
export function sentFiles(attachments: readonly Attachment[] | undefined): SentFile[] {
  return (attachments ?? [])
    .filter((a) => a.contentType === FILE_DOWNLOAD_INFO)
    .map((a) => {
      const content = (typeof a.content === 'object' && a.content !== null ? a.content : {}) as Record<string, unknown>;
      const fileType = text(content.fileType);
      return {
        // The name is only ever shown: a file without one is still read.
        name: text(a.name) ?? 'the file',
        downloadUrl: text(content.downloadUrl) ?? '',
        ...(fileType ? { fileType } : {}),
      };
    });
}
