import { Badge, type MantineColor } from '@mantine/core';
import { humanizeEnum } from './format';

export interface StatusBadgeProps<TStatus extends string> {
  status: TStatus;
  colors: Readonly<Record<TStatus, MantineColor>>;
}

/** An enum value as a coloured, readable badge (`PENDING_REVIEW` → "Pending review"). */
export function StatusBadge<TStatus extends string>({ status, colors }: StatusBadgeProps<TStatus>) {
  return (
    // max-content: in a squeezed table cell a badge would otherwise truncate to "PEN…".
    <Badge color={colors[status]} variant="light" miw="max-content">
      {humanizeEnum(status)}
    </Badge>
  );
}
