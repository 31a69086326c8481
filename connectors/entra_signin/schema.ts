/** Input shapes of Entra ID sign-in records, validated at the boundary with valibot. */

import * as v from "valibot";

const Text = v.optional(v.nullable(v.string()));

/** A Microsoft Graph signIn object (v1.0 or beta). */
export const GraphSignInSchema = v.looseObject({
  id: v.string(),
  createdDateTime: v.string(),
  userPrincipalName: Text,
  ipAddress: Text,
  isInteractive: v.optional(v.nullable(v.boolean())),
  signInEventTypes: v.optional(v.nullable(v.array(v.string()))),
  status: v.optional(v.nullable(v.looseObject({
    errorCode: v.optional(v.nullable(v.number())),
    failureReason: Text,
  }))),
  location: v.optional(v.nullable(v.looseObject({ countryOrRegion: Text }))),
});

/** A diagnostic-settings export record (Event Hub / storage): Azure Monitor envelope around the signIn object. */
export const DiagnosticSignInSchema = v.looseObject({
  time: v.string(),
  category: v.string(),
  operationName: Text,
  resultType: v.optional(v.nullable(v.union([v.string(), v.number()]))),
  properties: v.looseObject({}),
});
