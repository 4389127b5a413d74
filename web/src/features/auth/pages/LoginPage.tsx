import {
  Autocomplete,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { useI18n } from "../../../lib/i18n";
import { useLogin } from "../queries";

/** Organizations known to this installation; any other slug can still be typed. */
const ORG_SUGGESTIONS = ["fukushima", "mie"];
const LAST_ORG_KEY = "shien.lastOrg";

function rememberedOrg(): string {
  try {
    return localStorage.getItem(LAST_ORG_KEY) ?? "";
  } catch {
    return "";
  }
}

export function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const [org, setOrg] = useState(rememberedOrg);
  const [loginId, setLoginId] = useState("");
  const [password, setPassword] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { org: org.trim(), login: loginId.trim(), password };
    login.mutate(body, {
      onSuccess: () => {
        try {
          localStorage.setItem(LAST_ORG_KEY, body.org);
        } catch {
          // Only a convenience.
        }
      },
      onError: () => setPassword(""),
    });
  };

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center pt={40} px="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
          <form onSubmit={submit} data-testid="login-form" noValidate>
            <Stack>
              <div>
                <Title order={2}>Shien {t("app.nameJa")}</Title>
                <Text c="dimmed" size="sm">
                  {t("login.subtitle")}
                </Text>
              </div>
              <Autocomplete
                label={t("login.org")}
                description={t("login.orgHint")}
                data={ORG_SUGGESTIONS}
                value={org}
                onChange={setOrg}
                required
                autoComplete="organization"
                error={fieldError(login.error, "org")}
                data-testid="login-org"
              />
              <TextInput
                label={t("login.loginId")}
                value={loginId}
                onChange={(e) => setLoginId(e.currentTarget.value)}
                required
                autoComplete="username"
                error={fieldError(login.error, "login")}
                data-testid="login-id"
              />
              <PasswordInput
                label={t("login.password")}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
                autoComplete="current-password"
                error={fieldError(login.error, "password")}
                data-testid="login-password"
              />
              <FormError error={login.error} fields={["org", "login", "password"]} testId="login-error" />
              <Button
                type="submit"
                loading={login.isPending}
                disabled={!org.trim() || !loginId.trim() || !password}
                data-testid="login-submit"
              >
                {t("login.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
