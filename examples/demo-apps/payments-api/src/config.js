'use strict';

// Deliberate weakness: a hard-coded AWS access key id. The value is invented
// for the example estate and belongs to no AWS account.
module.exports = {
  databaseUrl: process.env.DATABASE_URL || 'postgres://localhost:5432/payments',
  jwtSecret: process.env.JWT_SECRET,
  receiptsBucket: 'acme-demo-receipts',
  awsAccessKeyId: 'AKIASIEVEDEMOFAKE234',
  awsSecretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
};
