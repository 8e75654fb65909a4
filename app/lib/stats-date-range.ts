import { calendarDayOf, dayNumberOf } from "../models/delivery-windows/calendar-day";

// The filter bar's date-range presets: the last N shop days, today included (as the report's default).

export const RANGE_PRESET_DAYS = [30, 90, 365] as const;

export function presetRange(days: number, today: string): { from: string; to: string } {
  return { from: calendarDayOf(dayNumberOf(today) - (days - 1)), to: today };
}

// Which preset a range is, or null for a custom range.
export function matchingPreset(range: { from: string; to: string }, today: string): number | null {
  return (
    RANGE_PRESET_DAYS.find((days) => {
      const preset = presetRange(days, today);
      return preset.from === range.from && preset.to === range.to;
    }) ?? null
  );
}
