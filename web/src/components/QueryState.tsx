import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { FormError } from "./FormError";

/** Loader while the first answer is on its way, the server's message if it failed, else the content. */
export function QueryState({
  isPending,
  error,
  children,
}: {
  isPending: boolean;
  error: unknown;
  children: ReactNode;
}) {
  if (error) return <FormError error={error} testId="load-error" />;
  if (isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  return <>{children}</>;
}
