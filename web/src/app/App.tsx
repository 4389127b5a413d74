import { Center, Loader } from "@mantine/core";
import { Suspense } from "react";
import { Route, Routes } from "react-router-dom";
import { FormError } from "../components/FormError";
import { LoginPage } from "../features/auth/pages/LoginPage";
import { useMe } from "../features/auth/queries";
import { ROUTES } from "./routes";
import { NoAccessPage, NotFoundPage } from "./StatusPages";
import { AppLayout } from "./shell/AppLayout";

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

/** Signed out: the login page at any address (the address is kept for after sign-in). Signed in: the shell. */
export function App() {
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <FormError error={me.error} />
      </Center>
    );
  }
  if (!me.data) return <LoginPage />;

  const { user } = me.data;
  return (
    <AppLayout user={user}>
      <Suspense
        fallback={
          <Center py="xl">
            <Loader size="sm" />
          </Center>
        }
      >
        <Routes>
          {ROUTES.map(({ path, page: Page, audience }) => (
            <Route key={path} path={path} element={audience(user) ? <Page /> : <NoAccessPage />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}
