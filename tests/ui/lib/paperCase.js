// One case for the print and raw-key tests, made through the API (not the UI: those steps are
// the story test's): the Women's Union opens it with consent for police and justice, refers
// it to police; police accept, log a report and an intervention and request a contact
// prohibition; the leader grants it for three days and notifies the four parties; the union
// records support and a follow-up with a due date. Made once per test process.

import assert from 'node:assert/strict';
import { apiAs } from './access.js';

const HOUR = 3600e3;
const rfc3339 = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const vnDate = (days = 0) => new Date(Date.now() + 7 * HOUR + days * 86400e3).toISOString().slice(0, 10);

export const PEOPLE = { survivor: 'Đặng Thị Nhung', perpetrator: 'Vương Văn Khải' };
export const NOTIFIED = ['perpetrator', 'survivor', 'police_head', 'village_head'];

let made = null;

async function build() {
  const union = await apiAs('union');
  const police = await apiAs('police');
  const leader = await apiAs('leader');
  try {
    const c = await union.post('/api/v1/cases', {
      survivor: { full_name: PEOPLE.survivor, sex: 'female', birth_year: 1991, village: 'Thôn Bắc', phone: '0912 000 019', disability: false },
      perpetrators: [{ full_name: PEOPLE.perpetrator, sex: 'male', birth_year: 1987, relationship: 'spouse' }],
      incident: { date: vnDate(-3), village: 'Thôn Bắc', place: 'home', types: ['physical', 'economic'], description: 'Bị chồng đánh và giữ hết tiền lương; hàng xóm báo Chi hội.', injuries: 'Bầm tím vai phải' },
      risk: 'high',
      safety_plan: 'Tạm lánh ở nhà em gái; số điện thoại của Chi hội trưởng.',
      consent: { given: true, given_by: 'survivor', agencies: ['police', 'justice', 'union'], statistics: true },
      flags: { crime: false, administrative_sanction: false },
    });
    const referral = await union.post(`/api/v1/cases/${c.id}/referrals`, { to: 'police', reason: 'Cần can thiệp, buộc chấm dứt hành vi bạo lực.', mandatory: false });
    await police.post(`/api/v1/referrals/${referral.id}/accept`);
    const events = `/api/v1/cases/${c.id}/events`;
    await police.post(events, { type: 'police.report', details: { channel: 'in_person', summary: 'Tiếp nhận tin báo từ Hội Phụ nữ.' } });
    await police.post(events, { type: 'police.intervention', details: { action: 'stopped_violence', summary: 'Buộc chấm dứt hành vi bạo lực, lập biên bản.' } });
    const request = await police.post(events, { type: 'protection.request', details: { measure: 'no_contact', requested_by: 'survivor', summary: 'Người bị bạo lực đề nghị cấm tiếp xúc.' } });
    // Starts on the next whole minute (not before the request, the server says), so the
    // paper's "14 giờ 30 phút" can be compared exactly.
    const starts = Math.ceil((Date.now() + 1000) / 60e3) * 60e3;
    const decision = await leader.post(events, {
      type: 'protection.decision',
      details: { request_event: request.id, granted: true, starts: rfc3339(starts), ends: rfc3339(starts + 72 * HOUR), reason: 'Nguy cơ tái diễn cao; cấm tiếp xúc 3 ngày.', notified: NOTIFIED },
    });
    await union.post(events, { type: 'union.support', details: { kind: 'counselling', summary: 'Tư vấn tâm lý lần 1.' } });
    await union.post(events, { type: 'union.follow_up', details: { summary: 'Thăm hỏi tại nhà em gái.' }, due: vnDate(5) });
    assert.ok(decision.id, 'the decision was recorded');
    return { id: String(c.id), code: c.code, requestId: String(request.id), decisionId: String(decision.id), starts, ends: starts + 72 * HOUR };
  } finally {
    await Promise.all([union.end(), police.end(), leader.end()]);
  }
}

// {id, code, requestId, decisionId, starts, ends} of the case (made on the first call).
export function paperCase() {
  if (!made) made = build();
  return made;
}

// Counts the pages of a PDF made by chromium's page.pdf().
export function pdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
}
