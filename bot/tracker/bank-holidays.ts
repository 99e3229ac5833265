// Bank holidays in England and Wales, 2018-2030, as ISO dates: the days the OPCC and the force's
// headquarters are closed, which the scheduler does not count as working days.
//
// Source: GOV.UK's published list, https://www.gov.uk/bank-holidays (machine-readable at
// https://www.gov.uk/bank-holidays.json, division "england-and-wales"), which covers the past
// years and the next one or two. Substitute days (a holiday falling on a weekend moves to the next
// weekday) and the one-off days are as GOV.UK lists them:
//   2020-05-08  VE Day 75th anniversary (the early May bank holiday moved from Monday 4 May)
//   2022-06-02  Spring bank holiday moved for the Platinum Jubilee, and 2022-06-03 the Jubilee itself
//   2022-09-19  State Funeral of Queen Elizabeth II
//   2023-05-08  Coronation of King Charles III
// Years GOV.UK had not yet published when this was written (2028-2030) follow the standing rules
// (New Year, Good Friday, Easter Monday, first and last Monday of May, last Monday of August,
// Christmas and Boxing Day, with substitutes): check them against GOV.UK when it publishes them,
// and add any one-off day it announces. Scotland and Northern Ireland have other lists.
//
// To extend: append the year's dates (keep the list sorted); nothing else reads the years.
import type { IsoDate } from './types.ts';

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly IsoDate[] = [
  // 2018
  '2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26',
  // 2019
  '2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26',
  // 2020: VE Day instead of the early May Monday; Boxing Day (a Saturday) substituted on Monday 28th
  '2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28',
  // 2021: Christmas and Boxing Day (Saturday, Sunday) substituted on 27th and 28th
  '2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28',
  // 2022: New Year substitute; Spring bank holiday moved and the Platinum Jubilee; the State Funeral;
  // Christmas (a Sunday) substituted on Tuesday 27th
  '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19',
  '2022-12-26', '2022-12-27',
  // 2023: New Year substitute; the Coronation
  '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25',
  '2023-12-26',
  // 2024
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  // 2025
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  // 2026: Boxing Day (a Saturday) substituted on Monday 28th
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  // 2027: Christmas and Boxing Day (Saturday, Sunday) substituted on 27th and 28th
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  // 2028 (standing rules): New Year (a Saturday) substituted on Monday 3rd
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
  // 2029 (standing rules)
  '2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26',
  // 2030 (standing rules)
  '2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26',
];
