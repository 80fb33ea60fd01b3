#include "extensionmodel.h"

#include <QLocale>
#include <algorithm>

namespace vv::app {

void ExtensionModel::setExtensions(const QList<vv::net::Extension> &items, const QStringList &excluded)
{
    beginResetModel();
    m_rows.clear();
    QStringList seen;
    for (const vv::net::Extension &e : items) {
        Row r;
        r.extension = e.extension;
        r.sources = e.sources;
        r.lastSeen = e.lastSeen;
        r.excluded = excluded.contains(r.extension) || e.excluded;
        if (r.extension.isEmpty() || seen.contains(r.extension))
            continue;
        seen << r.extension;
        m_rows << r;
    }
    for (const QString &e : excluded)
        if (!seen.contains(e))
            m_rows << Row{e, {tr("excluded")}, {}, true};
    // Numbers in numeric order (QCollator's numeric mode depends on ICU being there, so not relied on).
    std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        if (a.extension.size() != b.extension.size())
            return a.extension.size() < b.extension.size();
        return a.extension < b.extension;
    });
    endResetModel();
}

QStringList ExtensionModel::excluded() const
{
    QStringList out;
    for (const Row &r : m_rows)
        if (r.excluded)
            out << r.extension;
    return out;
}

int ExtensionModel::rowOf(const QString &extension) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).extension == extension)
            return i;
    return -1;
}

void ExtensionModel::setExcluded(const QString &extension, bool excluded)
{
    const int row = rowOf(extension);
    if (row >= 0)
        setData(index(row, Exclude), excluded ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

int ExtensionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ExtensionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExtensionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (index.column() == Exclude && role == Qt::CheckStateRole)
        return r.excluded ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && index.column() == Exclude)
        return r.excluded ? tr("Calls of %1 are not recorded").arg(r.extension)
                          : tr("Calls of %1 with external numbers are recorded").arg(r.extension);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Extension:
        return r.extension;
    case Sources:
        return sourcesInWords(r.sources);
    case LastSeen:
        return r.lastSeen.isValid() ? r.lastSeen.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t"))
                                    : QString();
    }
    return {};
}

bool ExtensionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != Exclude || role != Qt::CheckStateRole)
        return false;
    const bool excluded = value.toInt() == Qt::Checked;
    Row &r = m_rows[index.row()];
    if (r.excluded == excluded)
        return true;
    r.excluded = excluded;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, Qt::ToolTipRole});
    Q_EMIT exclusionsChanged();
    return true;
}

Qt::ItemFlags ExtensionModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Exclude)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QString ExtensionModel::sourcesInWords(const QStringList &sources)
{
    // The agent's words (configured, register, call) in the reseller's.
    QStringList out;
    for (const QString &s : sources) {
        if (s == u"configured")
            out << tr("listed in the vault");
        else if (s == u"register")
            out << tr("phone registered");
        else if (s == u"call")
            out << tr("in a call");
        else
            out << s;
    }
    return out.join(QStringLiteral(", "));
}

QVariant ExtensionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Exclude:
        return tr("Exclude");
    case Extension:
        return tr("Extension");
    case Sources:
        return tr("How it was found");
    case LastSeen:
        return tr("Last seen");
    }
    return {};
}

} // namespace vv::app
