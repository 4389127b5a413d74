import { Button, Group, getDefaultZIndex, Modal, type ModalProps, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";

/**
 * Whether a form holds input that has not been saved: its values differ from those it opened with.
 * Values typed and then put back count as unchanged. Pass every piece of the form's state (a
 * chosen file as its name: a File does not serialize).
 *
 * `refusal`: a form whose record the server can refuse as a whole (a 派遣枠 already full for the
 * business) passes its mutation error. Once such a refusal (CONFLICT) is on screen, the values it
 * refused stop counting as unsaved, so the way out is one keystroke; any further edit counts again.
 */
export function useFormDirty(values: unknown, refusal?: unknown): boolean {
  const current = JSON.stringify(values);
  const [baseline, setBaseline] = useState(current);
  const latest = useRef(current);
  latest.current = current;
  useEffect(() => {
    if (refusal instanceof ApiError && refusal.code === "CONFLICT") setBaseline(latest.current);
  }, [refusal]);
  return current !== baseline;
}

export interface FormModalProps extends Omit<ModalProps, "opened" | "closeButtonProps"> {
  opened?: boolean;
  /** Unsaved input: closing by Esc, a click outside or × asks before it is thrown away (see useFormDirty). */
  dirty: boolean;
}

/**
 * The modal of every entry form: the × has a name screen readers read, the first field takes the
 * focus (mark it `data-autofocus`), and closing it by accident does not lose what was typed.
 * キャンセル buttons inside call `onClose` directly: that is the explicit way to discard.
 */
export function FormModal({ dirty, onClose, opened = true, children, ...props }: FormModalProps) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  // Forms that cannot mark their first field (it lives in a shared component) still open on it, not on ×.
  const focusFirstField = () => {
    if (body.current?.contains(document.activeElement)) return;
    body.current
      ?.querySelector<HTMLElement>(
        "input:not([type=hidden]):not(:disabled), textarea:not(:disabled), select:not(:disabled)",
      )
      ?.focus();
  };
  const requestClose = () => (dirty ? setAsking(true) : onClose());
  const discard = () => {
    setAsking(false);
    onClose();
  };
  return (
    <>
      <Modal
        {...props}
        opened={opened}
        onClose={requestClose}
        closeOnEscape={!asking}
        closeButtonProps={{ "aria-label": t("common.close") }}
        onEnterTransitionEnd={focusFirstField}
      >
        <div ref={body}>{children}</div>
      </Modal>
      <Modal
        opened={opened && asking}
        onClose={() => setAsking(false)}
        title={t("common.discardTitle")}
        centered
        size="sm"
        zIndex={getDefaultZIndex("modal") + 10}
        closeButtonProps={{ "aria-label": t("common.close") }}
        data-testid="discard-dialog"
      >
        <Stack>
          <Text size="sm">{t("common.discardMessage")}</Text>
          <Group justify="flex-end">
            {/* The safe answer has the focus: Enter right after an accidental Esc keeps the input. */}
            <Button
              variant="default"
              onClick={() => setAsking(false)}
              data-autofocus
              data-testid="discard-keep-editing"
            >
              {t("common.keepEditing")}
            </Button>
            <Button color="red" onClick={discard} data-testid="discard-confirm">
              {t("common.discard")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
