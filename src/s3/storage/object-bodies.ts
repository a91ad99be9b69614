// S3's object bodies: encrypted parts on disk under <dataDir>/s3, opened with the envelope's data
// key (format.ts, envelopes.ts, write.ts, read.ts).
import { createSegmentSealer } from "../../crypto/index.ts";
import { createDataKeys } from "./envelopes.ts";
import { BLOB_ID } from "./format.ts";
import { removeFile } from "./files.ts";
import { createBlobLayout } from "./layout.ts";
import { readBody } from "./read.ts";
import type { ObjectBodies, ObjectBodiesOptions } from "./types.ts";
import { writePart } from "./write.ts";

/** Sets up the directory (removing temporary files an interrupted write left) and serves the bodies. */
export function createObjectBodies(options: ObjectBodiesOptions): ObjectBodies {
  const layout = createBlobLayout(options.dir);
  const keys = createDataKeys(options.kms, options.rootKey);
  const sealer = createSegmentSealer();
  return {
    newEnvelope: (sse, objectArn, who) => keys.newEnvelope(sse, objectArn, who),
    writePart: (envelope, source, who, signal, options) => writePart(layout, keys, sealer, envelope, source, who, signal, options),
    read: (body, range, who) => readBody(layout, sealer, keys, body, range, who),
    async close() {
      await Promise.all([layout.close(), sealer.close()]);
    },
    async remove(parts) {
      await Promise.all(parts.filter((part) => BLOB_ID.test(part.blobId)).map((part) => removeFile(layout.pathOf(part.blobId))));
    },
  };
}
