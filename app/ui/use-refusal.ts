import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * A choice the server refused (answered in another tab, or the page out of date) comes back without the page's
 * new data, so the page is reloaded to show where the conversation stands. That reload clears the action's data,
 * and with it the message: keep the message here until the officer's next submission.
 */
export function useRefusal(refused: string | null, actionData: unknown): string | null {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    if (!refused) return;
    setRefusal(refused);
    revalidator.revalidate();
    // Only a new refusal triggers it: the revalidator is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actionData]);
  useEffect(() => {
    if (navigation.state === "submitting") setRefusal(null);
  }, [navigation.state]);
  return refusal ?? refused;
}
