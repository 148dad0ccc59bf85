import { describe, expect, it } from 'vitest';
import { credentialAssignments, credentialShapeOf, isCredentialName, isLiteralCredentialValue, nameWords } from './credential-patterns.js';

describe('nameWords', () => {
  it.each([
    ['DB_PASSWORD', ['db', 'password']],
    ['dbPassword', ['db', 'password']],
    ['APIKey', ['api', 'key']],
    ['spring.datasource.password', ['spring', 'datasource', 'password']],
    ['x-api-key', ['x', 'api', 'key']],
  ])('%s', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe('isCredentialName', () => {
  it.each([
    'DB_PASSWORD', 'db_passwd', 'pwd', 'SECRET_BLAH', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
    'azure_batch_key', 'SIGNING_KEY', 'API_KEY', 'apikey', 'stripeApiKey', 'REDIS_AUTH', 'DB_PASS', 'CLIENT_SECRET',
    'credentials', 'JWT', 'PRIVATE_KEY', 'VAULT_SECRET_ID',
  ])('%s names a credential', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    'LOG_LEVEL', 'SECRET_NAME', 'DB_PASSWORD_FILE', 'AWS_TOKEN_FILE', 'METALLB_ML_SECRET_KEY_PATH', 'SOME_TOKEN_PATH',
    'TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'TOKEN_URL', 'AUTH_ENABLED', 'AUTH_SERVICE', 'PUBLIC_KEY', 'CACHE_KEY',
    'KEY', 'CLIENT_ID', 'GPG_KEY_ID', 'OLDPWD', 'PASS_THROUGH', 'AUTH_HEADER', 'OAUTH_PROVIDER',
  ])('%s does not', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('isLiteralCredentialValue', () => {
  it.each(['hunter2', 'Hpwd', 'changeme', '123456', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'Hello from the environment'])(
    '%s could be a credential',
    (value) => {
      expect(isLiteralCredentialValue(value)).toBe(true);
    },
  );

  it.each([
    '', '  ', '$(DB_PASSWORD)', 'postgres://app:$(PASS)@db/app', '${API_TOKEN}', '{{ .Values.password }}', '<your-password>',
    'XXXX', '****', 'true', 'off', '/run/secrets/db', './secret', 'my/secret/file/path', 'https://auth.example.com/token',
  ])('%s is not', (value) => {
    expect(isLiteralCredentialValue(value)).toBe(false);
  });
});

describe('credentialShapeOf', () => {
  it.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----', 'a PEM private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'a PEM private key'],
    ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'a PEM private key'],
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc', 'a JSON Web Token'],
    ['bearer abc123def', 'an HTTP Authorization credential'],
    ['postgres://app:s3cret@db:5432/app', 'a URL with an embedded password'],
    ['Server=db;User Id=app;Password=s3cret;', 'a password assignment'],
    ['jdbc:mysql://db/app?user=app&password=s3cret', 'a password assignment'],
    ['DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdefghijklmnopqrstuvwxyz0123==', 'an Azure account key'],
  ])('%s', (value, shape) => {
    expect(credentialShapeOf(value)).toBe(shape);
  });

  it.each([
    'AKIA', 'JWT', 'my_key_value', 'Basic authentication is enabled', 'Bearer', '-----BEGIN CERTIFICATE-----',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnly', 'postgres://app:$(DB_PASSWORD)@db/app', 'https://db.example.com/app',
    'password=${DB_PASSWORD}', 'password=', 'password=""',
  ])('%s has no credential shape', (value) => {
    expect(credentialShapeOf(value)).toBeUndefined();
  });
});

describe('credentialAssignments', () => {
  it('finds credential keys in properties, YAML, JSON and .env content, by line', () => {
    const content = [
      'spring.datasource.url=jdbc:postgresql://db/shop',
      'spring.datasource.password=example',
      'auth:',
      '  apiKey: "example"',
      '  "token": "example",',
      'export DB_PASS=example',
      '# password=commented',
      'secret_name: db-credentials',
      'password: ${DB_PASSWORD}',
    ].join('\n');
    expect(credentialAssignments(content)).toEqual([
      { line: 2, key: 'spring.datasource.password' },
      { line: 4, key: 'apiKey' },
      { line: 5, key: 'token' },
      { line: 6, key: 'DB_PASS' },
    ]);
  });
});
