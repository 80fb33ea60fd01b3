#include "recordingsmodel.h"

#include "agentclient.h"
#include "recordingslogging.h"

#include <QColor>
#include <QLocale>
#include <algorithm>

namespace vv::recordings {

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

namespace {

QString formatDuration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

double lossOf(const net::DirectionQuality &side)
{
    if (side.packetsExpected <= 0)
        return -1;
    return 100.0 * double(side.packetsLost) / double(side.packetsExpected);
}

} // namespace

QString RecordingRow::otherParty() const
{
    if (direction == u"inbound")
        return caller;
    if (direction == u"outbound")
        return callee;
    return caller == extension ? callee : caller;
}

int RecordingsModel::rowOf(qint64 id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return int(i);
    return -1;
}

RecordingRow RecordingRow::from(const net::Recording &rec)
{
    RecordingRow r;
    r.id = rec.id;
    r.startedAt = rec.startedAt;
    r.direction = rec.direction;
    r.extension = rec.extension;
    r.caller = rec.caller;
    r.callee = rec.callee;
    r.durationMs = rec.durationMs;
    r.bytes = rec.bytes;
    r.state = rec.state;
    r.codec = rec.codec;
    r.removedReason = rec.removedReason;
    r.dialled = rec.dialled;
    r.relatedId = rec.relatedId;
    r.outcome = rec.outcome;
    r.isProtected = rec.isProtected;
    r.note = rec.annotation;
    if (rec.quality) {
        r.lossPercent = std::max(lossOf(rec.quality->extension), lossOf(rec.quality->farEnd));
        r.flags = rec.quality->flags;
    }
    return r;
}

RecordingsModel::RecordingsModel(net::AgentClient *client, qint64 vaultId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_vaultId(vaultId)
{
    m_filter.recorded = true; // calls that were never recorded (internal, excluded) are not the customer's list
}

void RecordingsModel::setFilter(const net::RecordingFilter &filter)
{
    m_filter = filter;
    reload();
}

void RecordingsModel::reload()
{
    if (m_call)
        m_call->cancel();
    beginResetModel();
    m_rows.clear();
    m_nextCursor.clear();
    m_started = false;
    m_error.clear();
    endResetModel();
    if (m_total != -1) {
        m_total = -1;
        Q_EMIT totalChanged(m_total);
    }
    requestPage(); // the first page even before a view asks, so the count shows at once
}

int RecordingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecordingRow &r = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return r.id;
    case PlayableRole:
        return r.playable();
    case RelatedIdRole:
        return r.relatedId;
    case Qt::ToolTipRole:
        if (!r.playable())
            return tr("The audio of this call is no longer in the vault (%1).")
                .arg(r.removedReason.isEmpty() ? r.state : r.removedReason);
        if (index.column() == DialledColumn && r.relatedId)
            return tr("This call continues recording %1: it was transferred or picked up from that call.")
                .arg(r.relatedId);
        if (index.column() == QualityColumn && !r.flags.isEmpty())
            return r.flags.join(QLatin1Char('\n'));
        if (index.column() == NoteColumn && r.note)
            return tr("%1\n— %2, %3")
                .arg(r.note->text, r.note->updatedBy,
                     r.note->updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")));
        return {};
    case Qt::ForegroundRole:
        if (!r.playable())
            return QColor(Qt::gray);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn || index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case DateColumn:
            return r.startedAt.toMSecsSinceEpoch(); // ties: by id, in sortRows
        case DurationColumn:
            return r.durationMs;
        case SizeColumn:
            return r.bytes;
        case QualityColumn:
            return r.lossPercent;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn:
            // The app's one date format (format::when), with seconds, and the time zone it is in.
            // What became of the audio is said after the time, in words; the Size column keeps to sizes.
            return r.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")) +
                   (r.isProtected               ? tr(" · protected")
                    : r.state == u"overwritten" ? tr(" · overwritten to make room")
                    : r.state == u"deleted"     ? tr(" · deleted")
                    : r.state == u"missing"     ? tr(" · audio file missing")
                                                : QString());
        case DirectionColumn:
            return r.direction == u"inbound"    ? tr("Inbound")
                   : r.direction == u"outbound" ? tr("Outbound")
                                                : r.direction;
        case ExtensionColumn:
            return r.extension;
        case OtherPartyColumn:
            return r.otherParty();
        case DialledColumn:
            if (r.relatedId)
                return r.dialled.isEmpty() ? tr("continues #%1").arg(r.relatedId)
                                           : tr("%1, continues #%2").arg(r.dialled).arg(r.relatedId);
            return r.dialled;
        case DurationColumn:
            return formatDuration(r.durationMs);
        case SizeColumn:
            if (r.state == u"overwritten" || r.state == u"deleted" || r.state == u"missing")
                return QStringLiteral("—");
            return formatBytes(r.bytes);
        case QualityColumn:
            // A verdict a listener must see first (noise, one-way, a silent side) outranks the loss figure.
            if (!r.flags.isEmpty())
                return r.flags.first();
            if (r.lossPercent < 0)
                return QString();
            return r.lossPercent < 0.05 ? tr("Good") : tr("%1% lost").arg(r.lossPercent, 0, 'f', 1);
        case NoteColumn: {
            if (!r.note)
                return QString();
            const QString first = r.note->text.section(QLatin1Char('\n'), 0, 0);
            return first.size() > 60 || r.note->text.contains(QLatin1Char('\n')) ? first.left(60) + QStringLiteral("…")
                                                                                 : first;
        }
        }
    }
    return {};
}

QVariant RecordingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date and time");
    case DirectionColumn:
        return tr("Direction");
    case ExtensionColumn:
        return tr("Extension");
    case OtherPartyColumn:
        return tr("Other party");
    case DialledColumn:
        return tr("Dialled");
    case DurationColumn:
        return tr("Duration");
    case SizeColumn:
        return tr("Size");
    case QualityColumn:
        return tr("Quality");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}

bool RecordingsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_started && !m_nextCursor.isEmpty() && m_error.isEmpty();
}

void RecordingsModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid() && !m_call && canFetchMore(parent))
        requestPage();
}

void RecordingsModel::requestPage()
{
    if (!m_client)
        return;
    net::RecordingFilter f = m_filter;
    f.sort = m_serverSort;
    f.cursor = m_nextCursor;
    f.limit = m_pageSize;
    m_started = true;
    m_call = m_client->listRecordings(m_vaultId, f, this, [this](const net::ApiResult &r) {
        m_call.clear();
        Q_EMIT loadingChanged(false);
        if (r.error == net::ApiError::Cancelled)
            return;
        QString error;
        const std::optional<net::RecordingPage> page = net::answerAs<net::RecordingPage>(r, &error);
        if (!page) {
            m_error = error.isEmpty() ? tr("The recorder answered HTTP %1.").arg(r.httpStatus) : error;
            qCWarning(lcRecordings) << "page failed:" << m_error;
            Q_EMIT loadFailed(m_error);
            return;
        }
        m_nextCursor = page->nextCursor;
        if (!page->items.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->items.size() - 1));
            for (const net::Recording &rec : page->items)
                m_rows.append(RecordingRow::from(rec));
            endInsertRows();
            if (m_sortColumn >= 0)
                sortRows();
        }
        const qint64 total = page->total;
        if (total != m_total) {
            m_total = total;
            Q_EMIT totalChanged(total);
        }
        Q_EMIT pageLoaded();
    });
    Q_EMIT loadingChanged(true);
}

QString RecordingsModel::serverSort(int column, Qt::SortOrder order)
{
    const QString desc = order == Qt::DescendingOrder ? QStringLiteral("-") : QString();
    switch (column) {
    case DateColumn:
        return desc + QStringLiteral("started_at");
    case DurationColumn:
        return desc + QStringLiteral("duration_ms");
    case SizeColumn:
        return desc + QStringLiteral("bytes");
    case ExtensionColumn:
        return desc + QStringLiteral("extension");
    default:
        return {};
    }
}

void RecordingsModel::sort(int column, Qt::SortOrder order)
{
    const QString server = serverSort(column, order);
    if (server.isEmpty()) {
        m_sortColumn = column;
        m_sortOrder = order;
        sortRows();
        return;
    }
    // The whole vault in that order comes from the API, from its first page.
    m_sortColumn = -1;
    m_serverSort = server == u"-started_at" ? QString() : server;
    reload();
}

void RecordingsModel::sortRows()
{
    if (m_sortColumn < 0 || m_sortColumn >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> ids;
    for (const QModelIndex &i : before)
        ids << m_rows.at(i.row()).id;
    // Sort keys through data(SortRole) on a copy: one definition of each column's order.
    QList<std::pair<QVariant, RecordingRow>> keyed;
    keyed.reserve(m_rows.size());
    for (int r = 0; r < m_rows.size(); ++r)
        keyed.append({data(index(r, m_sortColumn), SortRole), m_rows.at(r)});
    const bool asc = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(keyed.begin(), keyed.end(), [asc](const auto &a, const auto &b) {
        const auto c = QVariant::compare(a.first, b.first);
        const bool less =
            c == QPartialOrdering::Less || (c == QPartialOrdering::Equivalent && a.second.id < b.second.id);
        const bool greater =
            c == QPartialOrdering::Greater || (c == QPartialOrdering::Equivalent && a.second.id > b.second.id);
        return asc ? less : greater;
    });
    for (int r = 0; r < keyed.size(); ++r)
        m_rows[r] = keyed.at(r).second;
    QModelIndexList after;
    for (int i = 0; i < before.size(); ++i) {
        int row = 0;
        while (row < m_rows.size() && m_rows.at(row).id != ids.at(i))
            ++row;
        after << index(row, before.at(i).column());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RecordingsModel::updateRow(const net::Recording &recording)
{
    const int r = rowOf(recording.id);
    if (r < 0)
        return;
    m_rows[r] = RecordingRow::from(recording);
    Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

} // namespace vv::recordings
