import { NativeSelect } from '@mantine/core';
import { PAGE_SIZES } from '../hooks/use-page-size';

export function PageSizeSelect({ value, onChange }: { value: number; onChange: (size: number) => void }) {
  const sizes: readonly number[] = PAGE_SIZES.includes(value as (typeof PAGE_SIZES)[number]) ? PAGE_SIZES : [value, ...PAGE_SIZES];
  return (
    <NativeSelect
      label="Rows per page"
      value={String(value)}
      onChange={(event) => onChange(Number(event.currentTarget.value))}
      data={sizes.map((size) => String(size))}
      w={130}
    />
  );
}
