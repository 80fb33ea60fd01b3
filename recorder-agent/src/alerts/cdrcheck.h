#pragma once
// PBX call records checked against the recordings. Every answered call in the
// CDR that the recording rules say to record (one side an extension of a vault,
// not excluded, the other side external) must have a recording within a few
// seconds of its answer with the same far-end number; those without one are
// findings, with what the agent saw of them. Asterisk's Master.csv layout, or
// any CSV with a header row and a column mapping ([cdr] column.* keys).
#include "config/agentconfig.h"
#include "vault/catalogue.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace vv::agent {

struct CdrCall
{
    int line = 0;
    PacketTime start = 0;
    PacketTime answer = 0; // 0: not answered
    QString caller;
    QString callee;
    QString disposition;
};

struct CdrParse
{
    std::vector<CdrCall> calls;
    QStringList errors; // "line 12: ...", the rest of the file is still read
};

CdrParse parseCdr(const QByteArray &csv, const AlertsConfig &config);
// One CSV line split into fields (RFC 4180 quoting).
QStringList splitCsvLine(const QString &line);

struct CdrFinding
{
    CdrCall call;
    qint64 vaultId = 0;
    QString vault;
    QString extension;
    QString seen; // what the agent has of it: "no call at all", or its row's state and reason
    QJsonObject toJson() const;
    QString key() const; // stable, so a file read twice reports a call once
};

// `vaults` with the rules in the same order (VaultStore::vaults() and policyVaults()).
std::vector<CdrFinding> checkCdr(const std::vector<CdrCall> &calls, const std::vector<VaultRecord> &vaults,
                                 const std::vector<VaultConfig> &rules, Catalogue &catalogue, int toleranceS);

} // namespace vv::agent
