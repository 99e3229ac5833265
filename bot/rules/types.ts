// The tracker's vocabulary. The record shapes are defined next to storage (which may not import
// from bot/); the rules, services and Teams layer import them from here.
export type * from '../../model/records.ts';
