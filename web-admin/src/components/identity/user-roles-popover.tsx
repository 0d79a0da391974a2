import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { FormError, errorMessages, humanizeEnum } from '@market/ui';
import { useState } from 'react';
import { graphql } from '../../gql';
import { Role } from '../../gql/graphql';

const GrantRoleDocument = graphql(`
  mutation GrantRole($userId: ID!, $role: Role!) {
    grantRole(userId: $userId, role: $role) {
      id
      roles
    }
  }
`);

const RevokeRoleDocument = graphql(`
  mutation RevokeRole($userId: ID!, $role: Role!) {
    revokeRole(userId: $userId, role: $role) {
      id
      roles
    }
  }
`);

const ROLES = Object.values(Role);

export interface UserRolesPopoverProps {
  user: { id: string; email: string; roles: readonly Role[] };
}

/** A checkbox per role: ticking grants it, unticking revokes it, one change at a time. */
export function UserRolesPopover({ user }: UserRolesPopoverProps) {
  const options = { refetchQueries: ['UsersTable', 'AuditLog', 'UserDetail'], awaitRefetchQueries: true };
  const [grant, granting] = useMutation(GrantRoleDocument, options);
  const [revoke, revoking] = useMutation(RevokeRoleDocument, options);
  const [changing, setChanging] = useState<Role | null>(null);
  const error = granting.error ?? revoking.error;

  const toggle = (role: Role, on: boolean) => {
    granting.reset();
    revoking.reset();
    setChanging(role);
    const run = on ? grant({ variables: { userId: user.id, role } }) : revoke({ variables: { userId: user.id, role } });
    void run.catch(() => undefined).finally(() => setChanging(null));
  };

  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" aria-label={`Roles of ${user.email}`}>
          Roles
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="group" aria-label={`Roles of ${user.email}`} miw={200}>
          <Text size="sm" fw={600}>
            Roles
          </Text>
          {ROLES.map((role) => (
            <Checkbox
              key={role}
              label={humanizeEnum(role)}
              checked={user.roles.includes(role)}
              disabled={changing !== null}
              onChange={(event) => toggle(role, event.currentTarget.checked)}
            />
          ))}
          <FormError title="Could not change the roles" messages={error ? errorMessages(error) : []} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
