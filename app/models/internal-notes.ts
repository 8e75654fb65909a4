import { z } from "zod";

// A help request's internal notes: append-only, each with when it was written. Stored as JSON text in
// SupportRequest.internalNotes; a value written before notes had timestamps reads as one undated note.

export type InternalNote = { at: string | null; text: string };

export const MAX_NOTE_LENGTH = 2_000;

const storedNotes = z.array(z.object({ at: z.string().nullable(), text: z.string() }));

export function parseInternalNotes(stored: string): InternalNote[] {
  const trimmed = stored.trim();
  if (!trimmed) return [];
  try {
    const parsed = storedNotes.safeParse(JSON.parse(trimmed));
    if (parsed.success) return parsed.data;
  } catch {
    // Plain text from before notes were structured: kept as it is.
  }
  return [{ at: null, text: trimmed }];
}

export function withNoteAppended(stored: string, note: { at: Date; text: string }): string {
  return JSON.stringify([...parseInternalNotes(stored), { at: note.at.toISOString(), text: note.text }]);
}
