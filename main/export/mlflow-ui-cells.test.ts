import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTimeZone, formatDuration, runDuration, startTimeFormatter } from './mlflow-ui-cells.js';

// Reference behaviour: Utils.formatDuration / getDuration / formatTimestamp in
// mlflow/server/js/src/common/utils/Utils.tsx.
describe('formatDuration', () => {
  it('uses milliseconds below half a second', () => {
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(499)).toBe('499ms');
  });

  it('uses one decimal of seconds, minutes, hours and days', () => {
    expect(formatDuration(500)).toBe('0.5s');
    expect(formatDuration(2711)).toBe('2.7s');
    expect(formatDuration(59_999)).toBe('60.0s');
    expect(formatDuration(60_000)).toBe('1.0min');
    expect(formatDuration(90 * 60_000)).toBe('1.5h');
    expect(formatDuration(3_600_000 * 24 - 1)).toBe('24.0h');
    expect(formatDuration(86_400_000 * 3.25)).toBe('3.3d');
  });
});

describe('runDuration', () => {
  it('is empty for a run that has not ended or has no start', () => {
    expect(runDuration(1000, null)).toBe('');
    expect(runDuration(null, 5000)).toBe('');
    expect(runDuration(0, 5000)).toBe('');
  });

  it('formats end minus start', () => {
    expect(runDuration(1_000, 7_000)).toBe('6.0s');
  });
});

describe('startTimeFormatter', () => {
  const ms = Date.UTC(2025, 11, 6, 15, 22, 54, 785);

  it('formats in an explicit zone', () => {
    expect(startTimeFormatter('UTC')(ms)).toBe('2025-12-06 15:22:54');
    expect(startTimeFormatter('Asia/Kolkata')(ms)).toBe('2025-12-06 20:52:54');
    expect(startTimeFormatter('America/New_York')(Date.UTC(2025, 6, 1, 3, 0, 0))).toBe('2025-06-30 23:00:00');
    expect(startTimeFormatter('Europe/Paris')(Date.UTC(2025, 0, 1, 23, 30, 0))).toBe('2025-01-02 00:30:00');
  });

  it("prints '(unknown)' for a run without a start time", () => {
    expect(startTimeFormatter()(null)).toBe('(unknown)');
    expect(startTimeFormatter('UTC')(null)).toBe('(unknown)');
  });

  describe('in the local zone', () => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env.TZ;
      process.env.TZ = 'Australia/Adelaide';
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('uses the process zone by default', () => {
      // Adelaide is UTC+10:30 in (southern) summer.
      expect(startTimeFormatter()(ms)).toBe('2025-12-07 01:52:54');
    });
  });

  it('agrees with the time-zone database at every instant, across offset changes', () => {
    const zones = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    // Around DST switches (and Amsterdam's +00:19:32 of the 1930s): probe every 7 minutes and 13 seconds.
    const spans = [Date.UTC(1937, 5, 30, 20), Date.UTC(2025, 2, 9, 5), Date.UTC(2025, 9, 5, 13), Date.UTC(2024, 3, 6, 14)];
    for (const zone of zones) {
      const ours = startTimeFormatter(zone);
      const reference = new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      for (const start of spans) {
        for (let ms = start; ms < start + 6 * 3_600_000; ms += 433_017) expect(ours(ms), `${zone} at ${ms}`).toBe(reference.format(ms));
      }
    }
  });

  it('rejects an unknown zone by name', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(RangeError);
    expect(() => checkTimeZone('Europe/Berlin')).not.toThrow();
  });
});
