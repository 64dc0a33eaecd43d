import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { BoardPage } from './BoardPage';
import { DashboardPage } from './DashboardPage';
import { DeskPage } from './DeskPage';
import { FeedsPage } from './FeedsPage';
import { RenditionsPage } from './RenditionsPage';
import { SubscribersPage } from './SubscribersPage';
import { WireInboxPage } from './WireInboxPage';

export const App = () => (
  <Routes>
    <Route index element={<DeskPage />} />
    <Route path="wire" element={<WireInboxPage />} />
    <Route path="board" element={<BoardPage />} />
    <Route path="dashboard" element={<DashboardPage />} />
    <Route path="renditions" element={<RenditionsPage />} />
    <Route path="feeds" element={<FeedsPage />} />
    <Route path="subscribers" element={<SubscribersPage />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);
