/** Zoho keeps each organisation in one of these data centres (SY-3). Kept apart from the
 * contract so the renderer can list them without bundling the input schemas' validator. */
export const CRM_DATA_CENTRES = ['US', 'EU', 'IN', 'AU', 'JP', 'CA', 'SA', 'CN'] as const;
export type CrmDataCentre = (typeof CRM_DATA_CENTRES)[number];
