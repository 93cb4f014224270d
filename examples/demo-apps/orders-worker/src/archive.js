'use strict';

const { execSync } = require('child_process');

// Deliberate weakness: the batch name comes from the carrier's callback and is
// pasted into a shell command.
function archiveBatch(batchName) {
  execSync('tar -czf /var/archive/orders/' + batchName + '.tgz /var/spool/orders/done');
}

module.exports = { archiveBatch };
