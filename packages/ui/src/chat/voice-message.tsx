import { Group, Text } from '@mantine/core';

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Peak levels 0…255 as bars (at most 64, averaged from the contract's up to 256 values). */
export function Waveform({ levels, width = 160, height = 28 }: { levels: readonly number[]; width?: number; height?: number }) {
  const bars = Math.min(64, levels.length);
  if (bars === 0) return null;
  const per = levels.length / bars;
  const values = Array.from({ length: bars }, (_, bar) => {
    const slice = levels.slice(Math.floor(bar * per), Math.max(Math.floor(bar * per) + 1, Math.floor((bar + 1) * per)));
    return slice.reduce((sum, level) => sum + Math.min(255, Math.max(0, level)), 0) / slice.length;
  });
  const step = width / bars;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Waveform" data-bars={bars}>
      {values.map((value, bar) => {
        const h = Math.max(2, (value / 255) * height);
        return (
          <rect key={bar} x={bar * step + step * 0.15} y={(height - h) / 2} width={step * 0.7} height={h} rx={1} fill="currentColor" />
        );
      })}
    </svg>
  );
}

export interface VoiceMessageProps {
  url: string;
  durationMs: number;
  waveform: readonly number[];
}

export function VoiceMessage({ url, durationMs, waveform }: VoiceMessageProps) {
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={`Voice message, ${formatDuration(durationMs)}`}>
      <audio controls preload="none" src={url} style={{ height: 32, maxWidth: 240 }} />
      <Waveform levels={waveform} />
      <Text size="xs" c="dimmed">
        {formatDuration(durationMs)}
      </Text>
    </Group>
  );
}
