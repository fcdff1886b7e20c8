// Runs the built normlab-cli (NORMLAB_CLI_PATH, set for tests in tests/app/) and keeps what it
// printed, for end-to-end tests of the command line.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace test {

struct CliResult {
  int exitCode = -1;
  bool normalExit = false;  // false also when it did not start or did not finish in time
  QString out, err;
};

inline CliResult runCli(const QStringList& args, int timeoutMs = 300000) {
  QProcess p;
  p.start(NORMLAB_CLI_PATH, args);
  CliResult r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) return r;
  r.normalExit = p.exitStatus() == QProcess::NormalExit;
  r.exitCode = p.exitCode();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace test
