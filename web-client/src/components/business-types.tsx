import { Badge, Group } from '@mantine/core';

export function BusinessTypes({ types }: { types: readonly { code: string; label: string }[] }) {
  return (
    <Group gap={6} aria-label="Services">
      {types.map((type) => (
        <Badge key={type.code} variant="outline" color="gray" tt="none" fw={500}>
          {type.label}
        </Badge>
      ))}
    </Group>
  );
}
