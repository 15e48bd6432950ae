// Made-up answers for the screens whose endpoints the server may not have yet (dashboard,
// referrals, events, reports, audit), so every main screen can be looked at and photographed
// with content in it. Used only by the "sample data" test in screens.test.js; everything
// else in the UI tests talks to the real server. Shapes follow API.md; where API.md leaves
// a shape open (the dashboard, the report body) this is the UI's reading of it.

const CASE_ID = 9001;
const now = Date.now();
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const day = (offsetDays) => new Date(now + offsetDays * 86400000 + 7 * 3600000).toISOString().slice(0, 10);
const H = 3600000;

export const SAMPLE_CASE = {
  id: CASE_ID, code: 'HP-2024-0007', status: 'active', risk: 'high',
  survivor: { full_name: 'Nguyễn Thị Hoa', sex: 'female', birth_year: 1990, village: 'Thôn Đông', phone: '0912 000 001', id_number: '034190000000', disability: false, child: false },
  perpetrators: [{ full_name: 'Trần Văn Nam', sex: 'male', birth_year: 1985, relationship: 'spouse', phone: null, id_number: null }],
  incident: { date: day(-6), village: 'Thôn Đông', place: 'home', types: ['physical', 'psychological'], description: 'Bị chồng đánh sau khi uống rượu; hàng xóm báo tin.', injuries: 'Bầm tím tay trái' },
  consent: { given: true, given_by: 'survivor', agencies: ['police', 'justice', 'union'], statistics: true },
  flags: { crime: false, administrative_sanction: false },
  safety_plan: 'Tạm lánh ở nhà mẹ đẻ; số điện thoại khẩn cấp của Chi hội trưởng.',
  stages: {
    union: { status: 'active', since: iso(now - 6 * 24 * H) },
    police: { status: 'active', since: iso(now - 5 * 24 * H) },
    justice: { status: 'referred', since: iso(now - 2 * H) },
  },
  created_at: iso(now - 6 * 24 * H), updated_at: iso(now - 2 * H),
};

// What the server would allow each sample reader now (API.md additions "allowed_actions",
// "refusals"): the union officer works the case, the leader sees it through a protection request.
const STAGES_OPEN = 'Chưa đóng được: còn giai đoạn của cơ quan chưa hoàn thành hoặc từ chối.';
const SAMPLE_ACCESS = {
  union: {
    allowed_actions: ['event:protection.request', 'event:union.follow_up', 'event:union.support', 'event:note', 'update', 'refer', 'consent', 'complete_stage', 'export', 'recuse'],
    refusals: { close: STAGES_OPEN, 'refer:school': 'Chưa chuyển gửi được: sự đồng ý của người bị bạo lực chưa bao gồm cơ quan này.' },
    refusal_codes: { close: 'stages_open', 'refer:school': 'consent_required' },
    mandatory_referrals: [],
  },
  leader: {
    allowed_actions: ['event:protection.decision', 'event:protection.revoke', 'event:note', 'recuse', 'erase'],
    refusals: { close: STAGES_OPEN },
  },
};
const FIELD_VIEW = ['survivor.full_name', 'survivor.sex', 'survivor.birth_year', 'survivor.village', 'survivor.phone', 'survivor.id_number', 'survivor.disability', 'survivor.child',
  'perpetrators.full_name', 'perpetrators.sex', 'perpetrators.birth_year', 'perpetrators.relationship', 'perpetrators.phone', 'perpetrators.id_number',
  'incident.date', 'incident.village', 'incident.place', 'incident.types', 'incident.description', 'incident.injuries', 'risk', 'flags', 'consent', 'safety_plan'];

const actor = (role, name) => ({ by: { role, display_name: name } });
export const SAMPLE_EVENTS = [
  { id: 101, type: 'police.report', at: iso(now - 5 * 24 * H), details: { channel: 'in_person', summary: 'Tiếp nhận tin báo từ Hội Phụ nữ và người bị bạo lực.' }, ...actor('police', 'Trần Văn Hùng') },
  { id: 102, type: 'police.intervention', at: iso(now - 5 * 24 * H + 2 * H), details: { action: 'stopped_violence', summary: 'Buộc chấm dứt hành vi bạo lực, lập biên bản.' }, ...actor('police', 'Trần Văn Hùng') },
  { id: 103, type: 'protection.request', at: iso(now - 5 * 24 * H + 3 * H), details: { measure: 'no_contact', requested_by: 'survivor', summary: 'Đề nghị cấm tiếp xúc 3 ngày.' }, ...actor('police', 'Trần Văn Hùng') },
  { id: 104, type: 'protection.decision', at: iso(now - 5 * 24 * H + 6 * H), details: { request_event: 103, granted: true, starts: iso(now - 5 * 24 * H + 6 * H), ends: iso(now - 2 * 24 * H + 6 * H), reason: 'Có nguy cơ tái diễn.', notified: ['perpetrator', 'survivor', 'police_head', 'village_head'] }, ...actor('leader', 'Lê Văn Minh') },
  { id: 105, type: 'union.follow_up', at: iso(now - 4 * 24 * H), due: day(-1), details: { summary: 'Thăm hỏi tại nhà mẹ đẻ.' }, ...actor('union', 'Nguyễn Thị Lan') },
  { id: 106, type: 'union.support', at: iso(now - 3 * 24 * H), details: { kind: 'counselling', summary: 'Tư vấn tâm lý lần 1.' }, ...actor('union', 'Nguyễn Thị Lan') },
  { id: 107, type: 'protection.request', at: iso(now - 4.5 * H), details: { measure: 'no_contact', requested_by: 'agency', summary: 'Người có hành vi tiếp tục đe dọa; đề nghị cấm tiếp xúc lần 2.' }, ...actor('union', 'Nguyễn Thị Lan') },
  { id: 108, type: 'note', at: iso(now - 2 * H), details: { text: 'Đã chuyển gửi Tư pháp để trợ giúp pháp lý.' }, ...actor('union', 'Nguyễn Thị Lan') },
];

export const SAMPLE_DASHBOARD = {
  referrals: [{
    id: 31, case_id: 9002, case_code: 'HP-2024-0009', from: 'union', reason: 'Cần trợ giúp pháp lý về ly hôn và nuôi con.', mandatory: false, referred_at: iso(now - 3 * H),
    risk: 'medium', child: false, case_summary: { village: 'Thôn Tây', types: ['psychological', 'economic'], risk: 'medium', child: false, case_status: 'active' },
  }],
  due: [{ case_id: CASE_ID, case_code: 'HP-2024-0007', event_id: 109, type: 'union.follow_up', due: day(0), state: 'due_today' }],
  overdue: [{ case_id: CASE_ID, case_code: 'HP-2024-0007', event_id: 105, type: 'union.follow_up', due: day(-1), state: 'overdue' }],
  protection_requests: [{ case_id: CASE_ID, case_code: 'HP-2024-0007', event_id: 107, requested_at: iso(now - 4.5 * H), hours_left: 7.5 }],
  orders: [
    { case_id: 9003, case_code: 'HP-2024-0004', event_id: 77, ends: iso(now + 10 * H), state: 'ending_soon' },
    { case_id: 9004, case_code: 'HP-2024-0002', event_id: 41, ends: iso(now - 20 * H), state: 'lapsed' },
  ],
};

export const SAMPLE_REPORT = {
  header: { commune: 'Xã Hòa Phong', recipient: 'UBND tỉnh Hưng Yên' },
  totals: { cases: 12, survivors: 11, perpetrators: 12 },
  by_type: { physical: 8, psychological: 6, economic: '<5', sexual: '<5', neglect: 0 },
  by_village: { 'Thôn Đông': 5, 'Thôn Tây': '<5', 'Thôn Nam': '<5', 'Thôn Bắc': '<5' },
  by_sex: { female: 10, male: '<5' },
  by_age_band: { '12-15': '<5', '18-29': '<5', '30-59': 7, '60+': '<5' },
  by_agency: { police: 9, union: 11, justice: 5, school: '<5' },
  measures: { 'police.intervention': 6, 'protection.decision': '<5', 'justice.legal_aid': 5, 'justice.mediation': '<5' },
  support: { shelter: '<5', counselling: 6, health_care: '<5', livelihood: '<5' },
  outcomes: { closed: 7, active: 5 },
};

export const SAMPLE_AUDIT = {
  items: [
    { sequence: 1201, outcome: 'ok', time: iso(now - 50 * 60000), actor: 'hoi.phunu', role: 'union', action: 'case.create', case: 'HP-2024-0007' },
    { sequence: 1202, outcome: 'ok', time: iso(now - 45 * 60000), actor: 'cong.an', role: 'police', action: 'referral.accept', case: 'HP-2024-0007' },
    { sequence: 1203, outcome: 'denied', time: iso(now - 40 * 60000), actor: 'cong.an', role: 'police', action: 'case.read', case: 'HP-2024-0007' },
    { sequence: 1204, outcome: 'ok', time: iso(now - 30 * 60000), actor: 'chu.tich', role: 'leader', action: 'event.add', case: 'HP-2024-0007' },
    { sequence: 1205, outcome: 'ok', time: iso(now - 5 * 60000), actor: 'quantri', role: 'admin', action: 'user.create', case: null },
  ],
  next_cursor: null,
};

// Answers every GET of the sample endpoints; anything else goes to the real server. The case
// and its timeline are answered as the server would answer `role` (set with as(role)).
export async function installSampleApi(page) {
  let role = 'union';
  const json = (route, body) => route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
  await page.route(/\/api\/v1\/(dashboard|referrals|reports\/summary|audit|cases\/9001)(\/[^?]*)?(\?.*)?$/, (route) => {
    const request = route.request();
    if (request.method() !== 'GET') return route.continue();
    const { pathname } = new URL(request.url());
    if (pathname === '/api/v1/dashboard') return json(route, SAMPLE_DASHBOARD);
    if (pathname === '/api/v1/referrals') return json(route, { items: SAMPLE_DASHBOARD.referrals, next_cursor: null });
    if (pathname === '/api/v1/reports/summary') return json(route, SAMPLE_REPORT);
    if (pathname === '/api/v1/audit/verify') return json(route, { ok: true, entries: 1205 });
    if (pathname === '/api/v1/audit') return json(route, SAMPLE_AUDIT);
    // A possible earlier case of the sample survivor (issue 21): held by the school, not asked yet.
    if (pathname === `/api/v1/cases/${CASE_ID}/earlier`) return json(route, { possible: true, held_by: [{ agency: 'school', since: '2025-09', requested: false }] });
    // Its papers (issue 21): one injury photo the police filed, whose metadata was removed.
    if (pathname === `/api/v1/cases/${CASE_ID}/attachments`) {
      return json(route, {
        items: [{ id: 1, kind: 'injury_photo', filename: 'anh-vet-thuong.jpg', type: 'image/jpeg', size: 182400,
          added_by: { id: 3, role: 'police' }, added_at: '2026-03-02T03:15:00Z', metadata_removed: true,
          removable: role === 'police' }],
        addable_kinds: role === 'union' ? ['injury_photo', 'medical', 'decision', 'consent', 'other'] : [],
        max_bytes: 15728640, max_per_case: 50,
      });
    }
    if (pathname === `/api/v1/cases/${CASE_ID}/events`) {
      const items = SAMPLE_EVENTS.map((ev) => ({ ...ev, allowed_actions: role === 'union' && ev.due ? ['done'] : [] }));
      return json(route, { items, next_cursor: null });
    }
    if (pathname === `/api/v1/cases/${CASE_ID}`) return json(route, { ...SAMPLE_CASE, ...SAMPLE_ACCESS[role], field_view: FIELD_VIEW });
    return route.continue();
  });
  return {
    as(who) {
      role = who;
    },
  };
}

export { CASE_ID as SAMPLE_CASE_ID };
