// A person's own notifications: the list, the unread count, marking read, and their e-mail choices.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { KIND_POLICY, NOTIFICATION_KINDS, type NotificationKind, wantsEmail } from "./kinds";

const PAGE = 50;

export async function unreadCount(user: SessionUser): Promise<number> {
  return prisma.notification.count({ where: { userId: user.id, readAt: null } });
}

export async function inbox(user: SessionUser) {
  const [items, unread] = await Promise.all([
    prisma.notification.findMany({
      where: { userId: user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PAGE,
      select: { id: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    }),
    unreadCount(user),
  ]);
  return { items, unread };
}

/** Marks one of the person's notifications read; returns where it points (null when it is not theirs). */
export async function openNotification(user: SessionUser, id: string): Promise<{ link: string } | null> {
  const row = await prisma.notification.findFirst({
    where: { id, userId: user.id },
    select: { link: true, readAt: true },
  });
  if (!row) return null;
  if (!row.readAt) await prisma.notification.update({ where: { id }, data: { readAt: new Date() } });
  return { link: row.link ?? "/notifications" };
}

export async function markAllRead(user: SessionUser): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId: user.id, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

export interface PreferenceRow {
  kind: NotificationKind;
  label: string;
  mandatory: boolean;
  email: boolean;
}

export async function preferencesOf(user: SessionUser): Promise<PreferenceRow[]> {
  const stored = await prisma.notificationPreference.findMany({
    where: { userId: user.id },
    select: { kind: true, email: true },
  });
  const choice = new Map(stored.map((row) => [row.kind, row.email]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    label: KIND_POLICY[kind].label,
    mandatory: KIND_POLICY[kind].mandatory,
    email: wantsEmail(kind, choice.get(kind)),
  }));
}

/** Stores the person's choices: the kinds listed get e-mail, the others not (mandatory kinds stay on). */
export async function savePreferences(user: SessionUser, emailKinds: ReadonlySet<string>): Promise<void> {
  await prisma.$transaction(
    NOTIFICATION_KINDS.filter((kind) => !KIND_POLICY[kind].mandatory).map((kind) =>
      prisma.notificationPreference.upsert({
        where: { userId_kind: { userId: user.id, kind } },
        create: { userId: user.id, kind, email: emailKinds.has(kind) },
        update: { email: emailKinds.has(kind) },
      }),
    ),
  );
}
