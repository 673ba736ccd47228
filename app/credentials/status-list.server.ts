// Revocation by Bitstring Status List (W3C): one list of 131,072 bits per agency. Each credential gets a random
// free index when issued; revoking its certificate sets that bit in the same transaction as the revocation.
// The list is published as a signed credential of its own, the bits GZIP-compressed and base64url-encoded.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { prisma, type Tx } from "../db/db.server";
import { DomainError } from "../errors";
import { signCredential, publicAddresses } from "./issuer.server";
import { STATUS_LIST_BITS, statusListCredential } from "./open-badges";

/** Random indexes tried before the list counts as full (it is, for practical purposes, long before then). */
const INDEX_TRIES = 32;

function emptyBits(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new ArrayBuffer(STATUS_LIST_BITS / 8));
}

/** A free index in the agency's list, chosen at random so an index says nothing about when or to whom. */
export async function allocateStatusIndex(tx: Tx, agencyId: string): Promise<number> {
  await tx.credentialStatusList.upsert({ where: { agencyId }, create: { agencyId, bits: emptyBits() }, update: {} });
  for (let i = 0; i < INDEX_TRIES; i++) {
    const index = crypto.randomInt(STATUS_LIST_BITS);
    const taken = await tx.issuedCredential.findUnique({
      where: { agencyId_statusIndex: { agencyId, statusIndex: index } },
      select: { id: true },
    });
    if (!taken) return index;
  }
  throw new DomainError("conflict", "The agency's credential status list is full: no credential can be issued.");
}

/** Bit `index`, counted from the first byte's most significant bit (as the spec reads it). */
function bitAt(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

export async function setRevokedBit(tx: Tx, agencyId: string, index: number): Promise<void> {
  const list = await tx.credentialStatusList.findUniqueOrThrow({ where: { agencyId } });
  const bits = new Uint8Array(new ArrayBuffer(list.bits.length));
  bits.set(list.bits);
  bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
  await tx.credentialStatusList.update({ where: { agencyId }, data: { bits } });
}

export async function isRevokedInList(agencyId: string, index: number): Promise<boolean | null> {
  const list = await prisma.credentialStatusList.findUnique({ where: { agencyId }, select: { bits: true } });
  return list ? bitAt(list.bits, index) : null;
}

/** Multibase base64url ("u" prefix) of the GZIP-compressed bits. */
export function encodeStatusBits(bits: Uint8Array): string {
  return `u${zlib.gzipSync(bits).toString("base64url")}`;
}

/** The agency's status list as a signed VC-JWT, or null when the agency has issued nothing. */
export async function publishedStatusList(agencyId: string, at = new Date()): Promise<string | null> {
  const list = await prisma.credentialStatusList.findUnique({ where: { agencyId }, select: { bits: true } });
  if (!list) return null;
  const credential = statusListCredential(publicAddresses(), agencyId, encodeStatusBits(list.bits), at);
  return signCredential(prisma, credential, at);
}
