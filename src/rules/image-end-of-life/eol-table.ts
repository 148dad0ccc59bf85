/**
 * End-of-life runtimes recognisable from an official Docker Hub image's tag. Each date is the day upstream support
 * (security fixes included) ended, from the project's own published policy; where only the month is published, the
 * last day of that month. Conservative on purpose: a version is listed only when its end is published and fixed;
 * a tag that names no version (latest, lts, alpine) or only a major line that is still maintained is never judged.
 *
 * Sources: python.org/downloads (PEP 373, 478, 494, 537, 569, 596, 619), nodejs.org/about/previous-releases,
 * php.net/supported-versions, ruby-lang.org (branch maintenance), go.dev/doc/devel/release (two most recent
 * releases supported), postgresql.org/support/versioning (five years), MySQL lifetime support policy (5.7:
 * October 2023, 8.0: April 2026), redis.io (releases older than the last three minors), and the Docker Hub notice
 * that the openjdk image is deprecated (no updates since July 2022). nginx is left out: only its current stable and
 * mainline branches are supported and the image tags do not say which branch a version was.
 */
export interface EndOfLife {
  /** Repository names the entry applies to (official images, with and without the library/ prefix). */
  image: string;
  /** Version prefix the tag must start with (components compared as numbers), or a codename tag. */
  version: string;
  /** ISO date support ended. */
  end: string;
  /** What to move to. */
  upgrade: string;
}

/** Odd-numbered lines end after six months, even ones after their LTS. */
const NODE_ENDS: Readonly<Record<string, string>> = {
  '4': '2018-04-30',
  '5': '2016-06-30',
  '6': '2019-04-30',
  '7': '2017-06-30',
  '8': '2019-12-31',
  '9': '2018-06-30',
  '10': '2021-04-30',
  '11': '2019-06-01',
  '12': '2022-04-30',
  '13': '2020-06-01',
  '14': '2023-04-30',
  '15': '2021-06-01',
  '16': '2023-09-11',
  '17': '2022-06-01',
  '18': '2025-04-30',
  '19': '2023-06-01',
  '20': '2026-04-30',
  '21': '2024-06-01',
  '23': '2025-06-01',
};

/** The node image tags its LTS lines by codename too. */
const NODE_CODENAMES: Readonly<Record<string, string>> = {
  argon: '4',
  boron: '6',
  carbon: '8',
  dubnium: '10',
  erbium: '12',
  fermium: '14',
  gallium: '16',
  hydrogen: '18',
  iron: '20',
};

const python = (version: string, end: string): EndOfLife => ({ image: 'python', version, end, upgrade: 'python:3.13 (or a newer supported 3.x)' });
const node = (version: string, end: string): EndOfLife => ({ image: 'node', version, end, upgrade: 'node:24 (the current LTS line)' });
const php = (version: string, end: string): EndOfLife => ({ image: 'php', version, end, upgrade: 'php:8.4' });
const ruby = (version: string, end: string): EndOfLife => ({ image: 'ruby', version, end, upgrade: 'ruby:3.4' });
const golang = (version: string, end: string): EndOfLife => ({ image: 'golang', version, end, upgrade: 'the newest golang release (two are supported)' });
const postgres = (version: string, end: string): EndOfLife => ({ image: 'postgres', version, end, upgrade: 'postgres:17 (after a pg_upgrade)' });

export const END_OF_LIFE: readonly EndOfLife[] = [
  python('2', '2020-01-01'),
  python('3.4', '2019-03-18'),
  python('3.5', '2020-09-13'),
  python('3.6', '2021-12-23'),
  python('3.7', '2023-06-27'),
  python('3.8', '2024-10-07'),
  python('3.9', '2025-10-31'),
  ...Object.entries(NODE_ENDS).map(([major, end]) => node(major, end)),
  ...Object.entries(NODE_CODENAMES).map(([codename, major]) => node(codename, NODE_ENDS[major])),
  { image: 'openjdk', version: '', end: '2022-07-01', upgrade: 'eclipse-temurin (or another maintained OpenJDK build) of the same Java version' },
  php('5', '2018-12-31'),
  php('7', '2022-11-28'),
  php('8.0', '2023-11-26'),
  php('8.1', '2025-12-31'),
  ruby('2', '2023-03-31'),
  ruby('3.0', '2024-04-23'),
  ruby('3.1', '2025-03-26'),
  ...['1.10', '1.11', '1.12', '1.13', '1.14', '1.15', '1.16', '1.17'].map((version) => golang(version, '2022-08-02')),
  golang('1.18', '2023-02-01'),
  golang('1.19', '2023-08-08'),
  golang('1.20', '2024-02-06'),
  golang('1.21', '2024-08-13'),
  golang('1.22', '2025-02-11'),
  golang('1.23', '2025-08-12'),
  postgres('9', '2021-11-11'),
  postgres('10', '2022-11-10'),
  postgres('11', '2023-11-09'),
  postgres('12', '2024-11-21'),
  postgres('13', '2025-11-13'),
  { image: 'mysql', version: '5', end: '2023-10-31', upgrade: 'mysql:8.4 (the LTS line)' },
  { image: 'mysql', version: '8.0', end: '2026-04-30', upgrade: 'mysql:8.4 (the LTS line)' },
  { image: 'redis', version: '5', end: '2022-04-27', upgrade: 'redis:7.4 or newer' },
  { image: 'redis', version: '6.0', end: '2023-08-15', upgrade: 'redis:7.4 or newer' },
  { image: 'centos', version: '', end: '2024-06-30', upgrade: 'a maintained base image (rockylinux, almalinux, ubi9)' },
  { image: 'ubuntu', version: '16.04', end: '2021-04-30', upgrade: 'ubuntu:24.04' },
  { image: 'ubuntu', version: 'xenial', end: '2021-04-30', upgrade: 'ubuntu:24.04' },
  { image: 'ubuntu', version: '18.04', end: '2023-05-31', upgrade: 'ubuntu:24.04' },
  { image: 'ubuntu', version: 'bionic', end: '2023-05-31', upgrade: 'ubuntu:24.04' },
  { image: 'ubuntu', version: '20.04', end: '2025-05-31', upgrade: 'ubuntu:24.04' },
  { image: 'ubuntu', version: 'focal', end: '2025-05-31', upgrade: 'ubuntu:24.04' },
  { image: 'debian', version: '9', end: '2022-06-30', upgrade: 'debian:12 (bookworm)' },
  { image: 'debian', version: 'stretch', end: '2022-06-30', upgrade: 'debian:12 (bookworm)' },
  { image: 'debian', version: '10', end: '2024-06-30', upgrade: 'debian:12 (bookworm)' },
  { image: 'debian', version: 'buster', end: '2024-06-30', upgrade: 'debian:12 (bookworm)' },
];
