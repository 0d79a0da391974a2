import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useId } from 'react';

/**
 * Mantine's PasswordInput leaves `aria-invalid` and `aria-describedby` off its inner input; screen readers
 * then miss the error and the hint. This sets both, pointing at the wrapper's own error/description ids.
 */
export function PasswordField(props: PasswordInputProps) {
  const generated = useId();
  const id = props.id ?? generated;
  const describedBy = [props.error ? `${id}-error` : null, props.description ? `${id}-description` : null].filter(Boolean).join(' ');
  return <PasswordInput {...props} id={id} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy || undefined} />;
}
