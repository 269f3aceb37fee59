import { describe, expect, it } from "vitest";
import { resolveWebhookConfig } from "@/lib/webhooks/webhook-config";

describe("resolveWebhookConfig", () => {
  it("takes each value from the environment when set there (it wins), else from the saved settings", () => {
    expect(resolveWebhookConfig({ url: "https://env.example/h", secret: "env-secret-0123456789" }, { url: "https://saved.example/h", secret: "saved-secret-0123456" })).toEqual({
      url: "https://env.example/h",
      secret: "env-secret-0123456789",
      urlSource: "env",
      secretSource: "env",
    });
    expect(resolveWebhookConfig({ secret: "env-secret-0123456789" }, { url: "https://saved.example/h", secret: "saved-secret-0123456" })).toEqual({
      url: "https://saved.example/h",
      secret: "env-secret-0123456789",
      urlSource: "settings",
      secretSource: "env",
    });
    expect(resolveWebhookConfig({}, {})).toEqual({ url: null, secret: null, urlSource: null, secretSource: null });
  });
});
