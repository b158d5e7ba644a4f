import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { signedIn } from '../auth/request-auth.js';
import { checkUpload } from '../../src/protocol/index.js';
import { writeOnce } from '../http/idempotency.js';
import { fieldIssue, HttpProblem, problem } from '../http/problem.js';
import {
  checkIncomingFile,
  completeUpload,
  dropReservation,
  newUploadId,
  reserveUpload,
  uploadPath,
  uploadRuleProblem,
} from '../store/uploads.js';
import { canSee } from '../tickets/visibility.js';
import * as res from '../http/responses.js';
import { idParams, tokenQuery } from '../http/schemas.js';
import { isPlausibleId } from '../http/text.js';

/** RFC 6266 filename for any Unicode name: an ASCII fallback plus filename*. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A multipart body that cannot be parsed (busboy's own errors carry no
 * status) is the client's fault: 400. The gateway's own failures (disk, a
 * system error code) and errors that already say what they are pass on.
 */
function malformed(err: unknown): never {
  const e = err as { code?: unknown; statusCode?: unknown };
  const known = err instanceof HttpProblem || typeof e.statusCode === 'number';
  const system = typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code);
  if (known || system || !(err instanceof Error)) throw err;
  throw problem.badRequest(`The multipart body is malformed: ${err.message.slice(0, 200)}`);
}

export async function uploadRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, uploadsDir, settings, connector, uploadQuota } = app;

  app.post(
    '/uploads',
    { schema: { response: { 201: res.attachment } }, config: { writeOnce: true } },
    async (req, reply) => {
      const { customer } = signedIn(req);
      const { portal } = await settings.get();
      if (!portal.capabilities.attachments)
        throw problem.forbidden('This portal takes no attachments.', 'attachments-disabled');
      if (!req.isMultipart())
        throw problem.unsupportedType('Send the file as multipart/form-data, in a part named "file".');
      // One part, the file: a second file or any other part is refused, not silently dropped.
      const stream = req.parts({ limits: { fileSize: portal.uploads.maxBytes, files: 2, fields: 5, parts: 6 } });
      const parts = stream[Symbol.asyncIterator]();
      const first = await parts.next().catch(malformed);
      const part = first.done ? undefined : first.value;
      if (!part) throw problem.badField('file', 'required');
      if (part.type !== 'file' || part.fieldname !== 'file')
        throw problem.badRequest('Put the file in a part named "file".', [
          fieldIssue(part.fieldname.slice(0, 50), 'unknown'),
        ]);
      const { name, contentType } = checkIncomingFile(part.filename, part.mimetype, portal.uploads);
      const id = newUploadId();
      // Its room in the hour's quota is taken before a byte is kept.
      await reserveUpload(
        db,
        uploadsDir,
        customer.id,
        { id, name, contentType, maxBytes: portal.uploads.maxBytes },
        uploadQuota,
      );
      const path = uploadPath(uploadsDir, id);
      try {
        await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 })).catch(malformed);
        const size = part.file.truncated ? portal.uploads.maxBytes + 1 : part.file.bytesRead;
        if (!(await parts.next().catch(malformed)).done)
          throw problem.badRequest('Send one file per upload, in a part named "file", and nothing else.');
        const broken = checkUpload({ name, type: contentType, size }, portal.uploads);
        if (broken) throw uploadRuleProblem(broken);
        return await writeOnce(app, req, reply, 201, () => completeUpload(db, id, size));
      } catch (err) {
        await rm(path, { force: true });
        await dropReservation(db, id);
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw uploadRuleProblem({ code: 'file-too-large', params: { max: portal.uploads.maxBytes } });
        }
        throw err;
      }
    },
  );

  app.get(
    '/attachments/:id',
    { schema: { params: idParams, querystring: tokenQuery }, config: { tokenInQuery: true } },
    async (req, reply) => {
      const { customer } = signedIn(req);
      const { portal } = await settings.get();
      const id = req.params.id;
      const content = isPlausibleId(id) ? await connector.getAttachment(id) : null;
      const ticket = content ? await connector.getTicket(content.meta.ticketId) : null;
      if (!content || !ticket || !canSee(ticket, customer, portal)) {
        content?.stream.destroy();
        throw problem.notFound('No such attachment.');
      }
      return reply
        .header('content-type', content.meta.contentType)
        .header('content-disposition', contentDisposition(content.meta.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content.stream);
    },
  );
}
