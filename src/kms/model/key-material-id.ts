// The key material ids AWS shows (KeyMaterialId, CurrentKeyMaterialId, SourceKeyMaterialId, …) are
// 64 hex digits. federa names a backing key by 32 (its ciphertexts carry 16 bytes), and shows a
// SHA-256 of the key id and backing key id: stable, distinct per key, and matched back by
// comparison where a request names key material.
import { sha256Hex } from "../../crypto/index.ts";

export function keyMaterialId(keyId: string, backingKeyId: string): string {
  return sha256Hex(`federa/kms/key-material/${keyId}/${backingKeyId}`);
}
