// Makes a written object visible: one transaction replaces any object of the key (if the write's
// condition holds and the bucket still exists); the bytes of the object it replaced are removed
// once no read holds them, and the new bytes at once if the object could not be stored.
import type { S3ObjectRow, S3WriteCondition } from "../../../store/index.ts";
import type { StoredPart } from "../../storage/index.ts";
import type { S3Context } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { removeParts, retireParts, storedBodyOf } from "./stored.ts";

export async function storeObject(ctx: S3Context, row: S3ObjectRow, condition: S3WriteCondition | undefined, written: readonly StoredPart[]): Promise<void> {
  let result;
  try {
    result = await ctx.deps.repo.putObject(row, condition);
  } catch (error) {
    await removeParts(ctx, written);
    throw error;
  }
  switch (result.outcome) {
    case "stored":
      if (result.replaced) retireParts(ctx, storedBodyOf(result.replaced).parts);
      return;
    case "no-bucket":
      await removeParts(ctx, written);
      throw S3Errors.noSuchBucket(row.bucket);
    case "no-object":
      await removeParts(ctx, written);
      throw S3Errors.noSuchKey(row.key);
    case "precondition-failed":
      await removeParts(ctx, written);
      throw S3Errors.preconditionFailed(condition?.ifAbsent ? "If-None-Match" : "If-Match");
  }
}
