// Loaded by mocha before every test file (.mocharc.json): every sandbox commit in the tests, and in
// the bkp processes they start, checks that the account file and its journal read back as the
// account in memory (src/sandbox/account.ts verifyAgainstDisk). A handler whose change escaped the
// journal fails the test that ran it, instead of losing the change when the account is re-read.
process.env['BKP_SANDBOX_VERIFY_JOURNAL'] = '1';
