#pragma once
// CSV import and export of the customer directory (RFC 4180: comma separated, fields with a comma, quote or
// line break in double quotes, a quote doubled inside them, CRLF line ends on export). The first record may be
// a header naming the columns (any order); without one the columns are taken in the export's order.
#include "customer.h"

#include <QList>
#include <QString>

namespace vv::app {

struct CsvProblem
{
    int line = 0; // 1-based physical line where the record starts
    QString message;
};

struct CsvImport
{
    QList<Customer> customers;
    QList<CsvProblem> problems; // rows left out, and why
};

namespace customercsv {

QStringList columns(); // name, account_number, contact, phone, email, notes
QByteArray write(const QList<Customer> &customers);
CsvImport read(const QByteArray &utf8);
// One RFC 4180 field, quoted only when it has to be.
QString quote(const QString &field);
// Records of a CSV text with the line each starts on; *unterminatedLine > 0 when a quote is never closed.
QList<QPair<int, QStringList>> records(const QString &text, int *unterminatedLine);

} // namespace customercsv
} // namespace vv::app
