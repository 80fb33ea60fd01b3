#include "customercsv.h"

#include <QObject>
#include <QRegularExpression>

namespace vv::app::customercsv {

QStringList columns()
{
    return {QStringLiteral("name"),  QStringLiteral("account_number"), QStringLiteral("contact"),
            QStringLiteral("phone"), QStringLiteral("email"),          QStringLiteral("notes")};
}

QString quote(const QString &field)
{
    static const QRegularExpression special(QStringLiteral("[\",\r\n]"));
    QString f = field;
    if (!f.contains(special))
        return f;
    f.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + f + QLatin1Char('"');
}

QByteArray write(const QList<Customer> &customers)
{
    QString out = columns().join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const Customer &c : customers) {
        const QStringList fields{c.name, c.accountNumber, c.contact, c.phone, c.email, c.notes};
        QStringList quoted;
        for (const QString &f : fields)
            quoted << quote(f);
        out += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QList<QPair<int, QStringList>> records(const QString &text, int *unterminatedLine)
{
    QList<QPair<int, QStringList>> out;
    *unterminatedLine = 0;
    QStringList fields;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // distinguishes an empty last line from a record with one empty field
    int line = 1;
    int recordLine = 1;
    const auto endRecord = [&] {
        if (fieldStarted || !fields.isEmpty()) {
            fields << field;
            out.append({recordLine, fields});
        }
        fields.clear();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (inQuotes) {
            if (ch == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (ch == u'\n')
                    ++line;
                field += ch;
            }
            continue;
        }
        if (ch == u'"' && field.isEmpty()) {
            inQuotes = true;
            fieldStarted = true;
        } else if (ch == u',') {
            fields << field;
            field.clear();
            fieldStarted = true;
        } else if (ch == u'\r' || ch == u'\n') {
            if (ch == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else {
            field += ch;
            fieldStarted = true;
        }
    }
    if (inQuotes) {
        *unterminatedLine = recordLine;
        return out;
    }
    endRecord();
    return out;
}

CsvImport read(const QByteArray &utf8)
{
    CsvImport result;
    QString text = QString::fromUtf8(utf8);
    if (text.startsWith(QChar(0xFEFF))) // Excel writes a byte order mark
        text.remove(0, 1);
    int unterminated = 0;
    const auto rows = records(text, &unterminated);
    QList<int> map{0, 1, 2, 3, 4, 5}; // field index of each Customer member
    int first = 0;
    if (!rows.isEmpty()) {
        QStringList header;
        for (const QString &h : rows.front().second)
            header << h.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
        if (header.contains(QStringLiteral("name"))) {
            first = 1;
            for (int i = 0; i < map.size(); ++i)
                map[i] = int(header.indexOf(columns().at(i)));
        }
    }
    for (int r = first; r < rows.size(); ++r) {
        const auto &[line, fields] = rows.at(r);
        if (fields.size() == 1 && fields.front().trimmed().isEmpty())
            continue; // a blank line
        const int expected = first ? int(rows.front().second.size()) : int(columns().size());
        if (fields.size() != expected) {
            result.problems << CsvProblem{line,
                                          QObject::tr("has %1 fields, expected %2").arg(fields.size()).arg(expected)};
            continue;
        }
        const auto at = [&](int member) { return map[member] >= 0 ? fields.at(map[member]).trimmed() : QString(); };
        Customer c{0, at(0), at(1), at(2), at(3), at(4), at(5)};
        if (c.name.isEmpty()) {
            result.problems << CsvProblem{line, QObject::tr("has no name")};
            continue;
        }
        if (!c.email.isEmpty() && !c.email.contains(QLatin1Char('@'))) {
            result.problems << CsvProblem{line, QObject::tr("e-mail \"%1\" has no @").arg(c.email)};
            continue;
        }
        result.customers << c;
    }
    if (unterminated)
        result.problems << CsvProblem{unterminated, QObject::tr("a quoted field is never closed")};
    return result;
}

} // namespace vv::app::customercsv
