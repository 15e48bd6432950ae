// The made-up officers of the browser tests (never real people): one per role, all with the
// same test-only password, and the administrator made by `binhan init` in run.sh.

export const ADMIN = { username: 'quantri', password: 'Mat-khau-thu-nghiem-2024', role: 'admin', display_name: 'Quản trị thử nghiệm' };
export const OFFICER_PASSWORD = 'Mat-khau-can-bo-xa-01'; // test only

export const OFFICERS = {
  union: { username: 'hoi.phunu', role: 'union', display_name: 'Nguyễn Thị Lan' },
  police: { username: 'cong.an', role: 'police', display_name: 'Trần Văn Hùng' },
  leader: { username: 'chu.tich', role: 'leader', display_name: 'Lê Văn Minh' },
  justice: { username: 'tu.phap', role: 'justice', display_name: 'Đỗ Thị Hạnh' },
  school: { username: 'truong.hoc', role: 'school', display_name: 'Vũ Thị Mai' },
  social: { username: 'lao.dong.xh', role: 'social', display_name: 'Hoàng Văn Nam' },
  oversight: { username: 'ban.tien.bo', role: 'oversight', display_name: 'Bùi Thị Thu' },
};

export function credentials(role) {
  if (role === 'admin') return ADMIN;
  return { ...OFFICERS[role], password: OFFICER_PASSWORD };
}
